"""Write the CLI reference into README.md from the commands' own --help.

    python scripts/cli_reference.py          # rewrite the README section
    python scripts/cli_reference.py --check  # exit 1 if the README is out of date

The section lies between the markers ``<!-- cli-reference:start -->`` and
``<!-- cli-reference:end -->``; tests/test_cli_reference.py runs the check.
"""

from __future__ import annotations

import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- cli-reference:start -->", "<!-- cli-reference:end -->"


def render() -> str:
    import click
    import typer.main

    from newsgraph.cli import app

    group = typer.main.get_command(app)
    parts = []
    with click.Context(group, info_name="newsgraph", terminal_width=100, max_content_width=100) as ctx:
        parts.append("```\n" + group.get_help(ctx).rstrip() + "\n```")
        for name in group.list_commands(ctx):
            cmd = group.get_command(ctx, name)
            with click.Context(cmd, info_name=name, parent=ctx, terminal_width=100,
                               max_content_width=100) as sub:
                parts.append(f"### `newsgraph {name}`\n\n```\n{cmd.get_help(sub).rstrip()}\n```")
    return "\n\n".join(parts)


def updated(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{render()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in argv:
        if new != text:
            print("README.md's CLI reference is out of date: run python scripts/cli_reference.py",
                  file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
