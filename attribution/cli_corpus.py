"""(placeholder: being written)"""
import click


@click.command("ingest")
def ingest_cmd():
    """(not built yet)"""
    raise click.ClickException("not built yet")


@click.command("export")
def export_cmd():
    """(not built yet)"""
    raise click.ClickException("not built yet")
