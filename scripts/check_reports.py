#!/usr/bin/env python3
"""Checks the reports of graded runs the way CI consumers read them.

Each argument is a folder that scripts/check-reports filled for one run of `grade`:
console.txt (standard output), stderr.txt, status, expected-status, junit.xml, results.json
and summary.md. For each run this checks that

- grade exited with the expected status and wrote every report, and left no temporary file;
- junitparser (what popular CI reporters parse with) reads the JUnit file, and its declared
  tests/failures/errors equal the test cases it holds; xunitparser, a second reader that
  refuses a property name twice in a file, counts the same;
- those counts equal the console report's totals line (a failed build adds one error, the
  `build` test case) and the Gradescope results (the same tests; failed = failures + errors);
- the JUnit file is valid against the Jenkins JUnit XSD, with xmllint, xmlschema or lxml,
  whichever is available;
- summary.md, rendered by cmark-gfm (GitHub's renderer, through cmarkgfm) and by markdown-it
  (linkify on), makes no link, no emphasis and no HTML but the writer's own elements, and
  shows the text of each failing check's reason literally (the hostile fixture's crash
  message is Markdown with a link, bold, code, an entity and a tag).

It prints one short line per report and exits 1 on any mismatch.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from junitparser import Error, Failure, JUnitXml

TOTALS = re.compile(
    r"Score: (?P<score>[0-9.]+)/(?P<max>[0-9.]+) points · (?:"
    r"(?P<passed>\d+) passed, (?P<failed>\d+) failed, (?P<errors>\d+) errors?, (?P<ni>\d+) not implemented"
    r"|(?P<build>build failed), (?P<notrun>\d+) cases? not run)"
    r"(?:, (?P<withheld>\d+) hidden cases? \((?P<withheld_points>[0-9.]+) points?\) not shown)?$"
)
REPORTS = ("junit.xml", "results.json", "summary.md")


def console_totals(console):
    """The console report's totals line, as expected JUnit counts: (tests, failures, errors), score, max.

    A student's report counts only the cases whose verdict they may know; the others are
    `skipped` in JUnit and named on the line with their points, which max includes here.
    """
    for line in reversed(console.splitlines()):
        match = TOTALS.fullmatch(line.strip())
        if match:
            build = 1 if match["build"] else 0
            passed, failed, errors, ni, notrun = (int(match[k] or 0) for k in ("passed", "failed", "errors", "ni", "notrun"))
            withheld = int(match["withheld"] or 0)
            # Cases that never ran are skipped in JUnit: the build test is the one error.
            counts = (passed + failed + errors + ni + notrun + withheld + build, failed + ni, errors + build)
            return counts, float(match["score"]), float(match["max"]) + float(match["withheld_points"] or 0)
    return None


def junit_counts(path):
    """(declared, counted): the root's tests/failures/errors and those found by counting the cases."""
    xml = JUnitXml.fromfile(str(path))
    suites = list(xml) if isinstance(xml, JUnitXml) else [xml]
    tests = failures = errors = 0
    for suite in suites:
        suite_counts = [0, 0, 0]
        for case in suite:
            suite_counts[0] += 1
            if any(isinstance(result, Error) for result in case.result):
                suite_counts[2] += 1
            elif any(isinstance(result, Failure) for result in case.result):
                suite_counts[1] += 1
        declared_suite = (suite.tests, suite.failures, suite.errors)
        if declared_suite != tuple(suite_counts):
            raise ValueError(f"suite {suite.name} declares {fmt(declared_suite)} but holds {fmt(suite_counts)}")
        tests, failures, errors = tests + suite_counts[0], failures + suite_counts[1], errors + suite_counts[2]
    return (xml.tests, xml.failures, xml.errors), (tests, failures, errors)


def xunit_counts(path):
    """(tests, failures, errors) as xunitparser, a second JUnit reader, counts them."""
    import xunitparser  # noqa: PLC0415 - installed by scripts/test

    suite, _ = xunitparser.parse(open(path, encoding="utf-8"))
    cases = list(suite)
    return (len(cases), sum(1 for case in cases if case.failed), sum(1 for case in cases if case.errored))


def gradescope_counts(path):
    """(tests, failed visible tests), score of the visible tests and max score of a Gradescope results.json.

    Its tests carry the grade, hidden ones included (Gradescope hides those itself); the student
    reports beside it count the visible ones.
    """
    results = json.loads(path.read_text(encoding="utf-8"))
    tests = results["tests"]
    visible = [test for test in tests if test.get("visibility", "visible") == "visible"]
    # A whole build failure has a build test; its cases never ran, and are skipped in JUnit.
    build_failed = any(test.get("tags", [""])[0] == "build" for test in tests)
    never_ran = [test for test in tests
                 if build_failed and test.get("tags", [""])[0] != "build" and "build-failure" in test.get("tags", [])]
    failed = sum(1 for test in visible if test["status"] != "passed" and test not in never_ran)
    withheld_score = sum(float(test["score"]) for test in tests if test not in visible)
    return (len(tests), failed), float(results["score"]) - withheld_score, sum(float(test["max_score"]) for test in tests)


def validate_schema(path, schema):
    """(valid, tool, detail); valid is None when no validator is available."""
    if shutil.which("xmllint"):
        done = subprocess.run(["xmllint", "--noout", "--schema", str(schema), str(path)],
                              capture_output=True, text=True, check=False)
        return done.returncode == 0, "xmllint", done.stderr.strip()
    try:
        import xmlschema  # noqa: PLC0415 - optional
        errors = list(xmlschema.XMLSchema(str(schema)).iter_errors(str(path)))
        return not errors, "xmlschema", "\n".join(str(e) for e in errors[:5])
    except ImportError:
        pass
    try:
        from lxml import etree  # noqa: PLC0415 - optional
        validator = etree.XMLSchema(etree.parse(str(schema)))
        valid = validator.validate(etree.parse(str(path)))
        return valid, "lxml", "\n".join(str(e) for e in list(validator.error_log)[:5])
    except ImportError:
        return None, "none", "install libxml2-utils (xmllint), or the xmlschema or lxml Python package"


def fmt(counts):
    tests, failures, errors = counts
    return f"tests {tests}, failures {failures}, errors {errors}"


ALLOWED_TAGS = {"p", "h2", "h3", "strong", "code", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "pre"}


def markdown_problems(path, results):
    """What a Markdown renderer would show that the writer did not mean to."""
    import cmarkgfm
    import markdown_it
    from cmarkgfm.cmark import Options

    text = path.read_text(encoding="utf-8")
    renderers = {
        "cmark-gfm": lambda t: cmarkgfm.github_flavored_markdown_to_html(t, options=Options.CMARK_OPT_UNSAFE),
        "markdown-it": lambda t: markdown_it.MarkdownIt("gfm-like").render(t),
    }
    problems = []
    for renderer, render in renderers.items():
        html = render(text)
        tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html)) - ALLOWED_TAGS
        if tags:
            problems.append(f"summary.md rendered by {renderer} has elements the writer does not make: {sorted(tags)}")
        shown = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        for reason in results:
            flat = " ".join(reason.split())
            if flat and flat not in " ".join(shown.split()):
                problems.append(f"summary.md rendered by {renderer} does not show this reason literally: {flat[:200]}")
    return problems


def check_run(folder, schema):
    """Checks one run's folder; returns the problems found."""
    name = folder.name
    problems = []
    status = int((folder / "status").read_text())
    expected = int((folder / "expected-status").read_text())
    if status != expected:
        stderr = (folder / "stderr.txt").read_text(errors="replace").strip()
        problems.append(f"grade exited {status}, expected {expected}: {stderr[-2000:]}")
    missing = [report for report in REPORTS if not (folder / report).is_file()]
    if missing:
        problems.append(f"not written: {', '.join(missing)}")
        return problems
    leftovers = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
    if leftovers:
        problems.append(f"temporary files left next to the reports: {', '.join(leftovers)}")

    totals = console_totals((folder / "console.txt").read_text(encoding="utf-8", errors="replace"))
    if totals is None:
        problems.append("the console report has no totals line")
        return problems
    console, console_score, console_max = totals

    try:
        declared, counted = junit_counts(folder / "junit.xml")
    except Exception as error:  # junitparser and the XML parser raise several kinds
        problems.append(f"junit.xml: junitparser cannot read it: {error}")
        return problems
    if declared != counted:
        problems.append(f"junit.xml declares {fmt(declared)} but holds {fmt(counted)}")
    if declared != console:
        problems.append(f"junit.xml has {fmt(declared)}, the console's totals line {fmt(console)}")
    try:
        parsed = xunit_counts(folder / "junit.xml")
        if parsed != counted:
            problems.append(f"xunitparser reads {fmt(parsed)} from junit.xml, junitparser {fmt(counted)}")
    except Exception as error:  # xunitparser raises AssertionError on what it refuses
        problems.append(f"junit.xml: xunitparser cannot read it: {error!r}")

    (gs_tests, gs_failed), gs_score, gs_max = gradescope_counts(folder / "results.json")
    if gs_tests != declared[0] or gs_failed != declared[1] + declared[2]:
        problems.append(f"results.json has {gs_tests} tests with {gs_failed} not passed; junit.xml has {fmt(declared)}")
    if (gs_score, gs_max) != (console_score, console_max):
        problems.append(f"results.json scores {gs_score:g}/{gs_max:g}, the console {console_score:g}/{console_max:g}")

    # The reasons of the failing checks whose details the student may see, as the writer got them.
    results = json.loads((folder / "results.json").read_text())
    reasons = []
    for test in results.get("tests", []):
        output = test.get("output", "")
        if test.get("status") == "failed" and "Fatal error" in output and "gave up on" in output:
            line = next(l for l in output.splitlines() if "gave up on" in l)
            reasons.append(line[line.index("the L1 loss"):].strip())
    problems += markdown_problems(folder / "summary.md", reasons[:1])

    valid, tool, detail = validate_schema(folder / "junit.xml", schema)
    if valid is False:
        problems.append(f"junit.xml is not valid against {schema.name} ({tool}): {detail}")
    schema_note = f"valid against {schema.name} ({tool})" if valid else (
        f"schema not checked: {detail}" if valid is None else "invalid")

    if not problems:
        print(f"ok        {name:17} exit {status}; junit.xml {fmt(declared)} = console = results.json "
              f"(score {gs_score:g}/{gs_max:g}); {schema_note}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", type=Path, required=True, help="the JUnit XSD")
    parser.add_argument("runs", type=Path, nargs="+", help="folders filled by scripts/check-reports")
    args = parser.parse_args()

    failed = False
    for folder in args.runs:
        problems = check_run(folder, args.schema)
        if problems:
            print(f"MISMATCH  {folder.name}")
        for problem in problems:
            print(f"  {folder.name}: {problem}")
        failed = failed or bool(problems)
    print("report conformance:", "mismatches found" if failed else f"all {len(args.runs)} runs consistent")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
