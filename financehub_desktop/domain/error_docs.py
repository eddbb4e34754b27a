"""Renders ``docs/errors.md`` from the error catalogue, so the documentation can never drift from the code.

Regenerate with ``python -m financehub_desktop.domain.error_docs > docs/errors.md``.
"""

from __future__ import annotations

from . import bank_errors  # noqa: F401  (registers the bank errors in the tree)
from .errors import all_error_classes, doc_anchor


def render_markdown() -> str:
    lines = [
        "# Errors and what to do about them",
        "",
        "Every error FinanceHub shows has a code. Find it below: what happened and the steps to take.",
        "Mensagens em português primeiro, depois em inglês.",
        "",
    ]
    for cls in all_error_classes():
        err = cls()
        anchor = doc_anchor(cls.code).split("#", 1)[1]
        pt, en = err.help("pt_BR"), err.help("en")
        lines += [
            f'<a id="{anchor}"></a>',
            f"## `{cls.code}` — {en.title}",
            "",
            f"*Kind:* {cls.kind.value}",
            "",
        ]
        lines += [f"**{pt.title}.** {pt.what_happened}", ""]
        lines += [f"{i}. {s}" for i, s in enumerate(pt.steps, 1)]
        lines += ["", f"**{en.title}.** {en.what_happened}", ""]
        lines += [f"{i}. {s}" for i, s in enumerate(en.steps, 1)]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(render_markdown(), end="")
