"""(placeholder: being written)"""
import click


@click.command("serve")
def serve_cmd():
    """(not built yet)"""
    raise click.ClickException("not built yet")
