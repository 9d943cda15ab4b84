"""A refusal whose words are translated where they are shown: an English template (marked) and its values."""


class Refusal(Exception):
    """`str()` is the English message (logs, CLI); `in_language(t)` is the same message for a reader of `t`."""

    def __init__(self, template: str, **values) -> None:
        super().__init__(template.format(**values))
        self.template, self.values = template, values

    def in_language(self, t) -> str:
        return t.tr(self.template, **self.values)
