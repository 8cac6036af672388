"""`attribution audit`, `attribution rules` and `attribution evaluate`."""
from __future__ import annotations

import json
import os
import sys

import click

from .cli_common import engine_options, input_options, make_engine
from .read import ReadError, read_paths

LABEL_COLOURS = {"named-official": "green", "anonymous-source": "yellow", "editorial-framing": "cyan"}


@click.command("audit")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "csv"]), default="text", show_default=True,
              help="text: a readable report; json: one array of articles; jsonl: one article a line; "
                   "csv: one row per claim, the columns of `attribution export --what claims`.")
@input_options
@engine_options
def audit_cmd(paths, fmt, max_bytes, model, rules_dir):
    """Label every claim of the given articles and show the evidence.

    PATHS are .txt, .html, .jsonl or .json files (a .json file holds one record or an array of them),
    folders of them, or - for stdin.

    \b
    Example:
        attribution audit seeds/
        attribution audit article.html --format json
        attribution audit feed.jsonl --format csv > claims.csv
    """
    engine = make_engine(model, rules_dir)
    failed = 0
    first = True
    if fmt == "json":
        click.echo("[")

    def articles():
        nonlocal failed
        for item in read_paths(paths, max_bytes=max_bytes, rules=engine.rules):
            if isinstance(item, ReadError):
                failed += 1
                click.echo(f"error: {item}", err=True)
                continue
            yield item

    def audit_failed(article, e):
        nonlocal failed
        failed += 1
        message = " ".join(f"could not audit: {type(e).__name__}: {e}".split())
        click.echo(f"error: {article.path or '<stdin>'}: {message}", err=True)

    if fmt == "csv":
        from itertools import chain

        from .export import CLAIM_COLUMNS, claim_rows_from_audit, write

        rows = chain.from_iterable(claim_rows_from_audit(a) for a in engine.audit_many(articles(), on_error=audit_failed))
        write(rows, "csv", sys.stdout, CLAIM_COLUMNS)
        if failed:
            raise SystemExit(1)
        return
    for audit in engine.audit_many(articles(), on_error=audit_failed):
        data = audit.to_dict()
        if fmt == "json":
            click.echo(("" if first else ",\n") + json.dumps(data, ensure_ascii=False, indent=2), nl=False)
        elif fmt == "jsonl":
            click.echo(json.dumps(data, ensure_ascii=False))
        else:
            # (colour on a terminal, unless NO_COLOR is set: https://no-color.org)
            click.echo(render_text(audit, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
        first = False
    if fmt == "json":
        click.echo("\n]")
    if failed:
        raise SystemExit(1)


def render_text(audit, colour: bool = False) -> str:
    def style(text, **kw):
        return click.style(text, **kw) if colour else text

    a = audit.article
    lines = [style(a.title or a.path or a.id, bold=True)]
    meta = [f"{k}: {v}" for k, v in (("byline", a.byline), ("outlet", a.outlet), ("published", a.published),
                                       ("syndicated from", a.syndicated_from), ("path", a.path)) if v]
    if meta:
        lines.append("  " + " | ".join(meta))
    for note in audit.notes:
        lines.append(style(f"  note: {note}", fg="red"))
    lines.append("")
    for c in audit.claims:
        tag = style(f"[{c.label}]", fg=LABEL_COLOURS[c.label], bold=True)
        part = "" if c.part == "body" else f" ({c.part})"
        lines.append(f"{c.index:>3} {tag}{part} {c.text.strip()}")
        if c.source or c.cue:
            who = ""
            if c.source:
                who = c.source.name + (f" [{c.source.kind}]" if c.source.kind else "")
            chain = " > ".join(s.name for s in c.chain) if len(c.chain) > 1 else ""
            cue = f'cue "{c.cue.text}" ({c.cue.stance})' if c.cue else ""
            bits = [b for b in (f"source: {who}" if who else "", cue, f"chain: {chain}" if chain else "") if b]
            lines.append("      " + "; ".join(bits))
        if c.markers:
            lines.append("      markers: " + ", ".join(f"{m.text} ({m.kind})" for m in c.markers))
    if audit.skipped:
        lines.append("")
        lines.append(style("skipped:", bold=True))
        for s in audit.skipped:
            lines.append(f"      [{s.reason}] {s.text.strip()[:80]}")
    summ = audit.summary
    lines.append("")
    lines.append(
        f"{summ['claims']} claims: "
        + ", ".join(f"{summ[l]} {l} ({summ[l + '-share']:.0%})" for l in LABEL_COLOURS)
    )
    for name, score in (audit.scores or {}).items():
        if isinstance(score, dict) and "score" in score:
            why = ", ".join(f"{sig['id']} {sig['points']:+g}" for sig in score.get("signals", []) if sig.get("points"))
            lines.append(f"{name} score: {score['score']}" + (f"  ({why})" if why else ""))
    return "\n".join(lines) + "\n"


@click.group("rules")
def rules_group():
    """Show and check the rule files."""


@rules_group.command("list")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False), help="Folder of rule files.")
def rules_list(rules_dir):
    """List every rule with its id, type, file and description.

    \b
    Example:
        attribution rules list
    """
    from .rules import RuleError, load_rules

    try:
        rs = load_rules(rules_dir)
    except RuleError as e:
        raise click.ClickException(str(e)) from None
    for r in rs.rules:
        click.echo(f"{r.id:<28} {r.type:<17} {r.file:<14} {r.description}")
    click.echo(f"{len(rs.rules)} rules, version {rs.version}")


@rules_group.command("check")
@engine_options
def rules_check(model, rules_dir):
    """Validate the rule files and run every rule's examples.

    \b
    Example:
        attribution rules check
    """
    from .examples import check_examples

    engine = make_engine(model, rules_dir)
    failures = check_examples(engine)
    for f in failures:
        click.echo(f"FAIL {f}", err=True)
    total = sum(len(r.examples) for r in engine.rules.rules)
    click.echo(f"{len(engine.rules.rules)} rules, {total} examples, {len(failures)} failed")
    if failures:
        raise SystemExit(1)


@click.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@engine_options
def evaluate_cmd(gold, limit, fmt, model, rules_dir):
    """Score the engine against annotated articles (JSONL gold in the shared eval format).

    \b
    Example:
        attribution evaluate ../shared/eval/dev.jsonl
    """
    from .evaluate import evaluate, format_report

    engine = make_engine(model, rules_dir)
    try:
        report = evaluate(engine, gold, limit=limit)
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    click.echo(json.dumps(report, indent=2) if fmt == "json" else format_report(report))
