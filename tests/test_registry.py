"""One rule registry: the check stage runs it, the findings printer, --json and README's tables list it."""

from __future__ import annotations

import json
import re

from reportgen import pipeline
from reportgen.check.rules.registry import PLAN, REPORT, RULES, rules_for
from reportgen.cli import main
from reportgen.model.report import Period
from reportgen.output.findings import text_report
from tests.conftest import ROOT, SAMPLE

_ROW = re.compile(r"^\| `([a-z-]+)` \| ([^|]+) \|")


def _readme_table(heading: str) -> list[tuple[str, str]]:
    """(id, title) of each row of the table under `heading` in README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n{heading}\n", 1)[1].split("\n#", 1)[0]
    return [(m[1], m[2].strip()) for line in section.splitlines() if (m := _ROW.match(line))]


def test_readme_lists_exactly_the_registry_ids_and_titles_in_order():
    plan_rules = [(rule.id, rule.title) for rule in rules_for(PLAN)]
    report_only = [(rule.id, rule.title) for rule in RULES if PLAN not in rule.documents]
    assert _readme_table("### Rules") == plan_rules
    assert _readme_table("### Report rules") == report_only
    assert len({rule.id for rule in RULES}) == len(RULES)


# Rules the sample has nothing for (it declares no sum nor a fact pointing at a table, no computed column): the
# examples have.
EXAMPLE_ONLY = {"cross-annex-sum": "tuyen-quang-2021", "fact-reference": "tuyen-quang-2021",
                "computed-cell": "lam-dong-2025"}


def test_the_check_stage_runs_every_registered_rule_and_no_other():
    """The sample gives findings under every rule for its document (it has no recurring work to name)."""
    plan = pipeline.check_folder(SAMPLE)
    report = pipeline.check_report_folder(SAMPLE, Period(2020, 2))
    assert list(dict.fromkeys(f.rule for f in plan.findings)) == [r.id for r in rules_for(PLAN)
                                                                   if r.id not in EXAMPLE_ONLY]
    assert report.findings[:len(plan.findings)] == plan.findings
    report_only = {f.rule for f in report.findings[len(plan.findings):]}
    assert report_only == {rule.id for rule in rules_for(REPORT)} - {"report-recurring"}


def test_the_rules_the_sample_lacks_give_findings_on_an_example():
    for rule, example in EXAMPLE_ONLY.items():
        findings = pipeline.check_folder(ROOT / "examples" / example).findings
        assert any(f.rule == rule for f in findings), rule


def test_check_json_lists_the_plans_rules_with_their_titles(capsys):
    main(["check", str(SAMPLE), "--json"])
    listed = [(rule["id"], rule["title"]) for rule in json.loads(capsys.readouterr().out)["rules"]]
    assert listed == [(rule.id, rule.title) for rule in rules_for(PLAN)]


def test_the_findings_printer_lists_a_plans_rules_or_a_reports_all_under_their_titles():
    def headings(report: bool) -> list[str]:
        return [line for line in text_report("", [], report=report).splitlines() if line.startswith("[")]
    assert headings(False) == [f"[KHÔNG ÁP DỤNG] {rule.title} ({rule.id})" for rule in rules_for(PLAN)]
    assert headings(True) == [f"[KHÔNG ÁP DỤNG] {rule.title} ({rule.id})" for rule in RULES]
