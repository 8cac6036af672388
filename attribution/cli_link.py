"""(placeholder: being written)"""
import click


@click.command("link")
def link_cmd():
    """(not built yet)"""
    raise click.ClickException("not built yet")
