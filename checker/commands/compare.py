"""``factlint compare SOURCE VERSION...``: versions against their source, for an editor who just
wants to know, with or without rule files (their entities name people and places in every script)."""
from __future__ import annotations

import argparse
from typing import TextIO

from ..article import read_article
from ..config import Settings, load_settings
from ..index import walk_rule_files
from ..model import FactlintError, RuleErrors, Severity
from ..report import FORMATS, Summary, reporter
from ..run import Pipeline, read
from ..versions.run import Sources, check_version
from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, report_error


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        settings = Settings() if args.no_config else load_settings(formats=sorted(FORMATS))
        if args.rules:
            settings.rules = args.rules
        else:
            try:
                walk_rule_files(settings.rules)
            except FactlintError:  # no rules here: names as written, countries from the shared lexicon
                settings.rules = []
        if args.lang:
            settings.lang = args.lang
        if args.output_format:
            settings.output_format = args.output_format
        if args.fail_level:
            settings.fail_level = args.fail_level
        pipeline = Pipeline(settings, story=args.story)
        raw = read(args.source)
        story = args.story or pipeline.assign(args.source, raw).story
        if story is None and len(pipeline.index.stories) == 1:  # the rules given are one story's: theirs
            story = next(iter(pipeline.index.stories))
        scope = pipeline.scope(story)
        read_article(args.source, scope.rules.languages, settings.lang, raw=raw)  # a bad source is exit 2 here
    except FactlintError as e:
        return report_error(e, err)
    fail_level = Severity.parse(settings.fail_level)
    summary = Summary()
    sources = Sources()
    report = reporter(settings.output_format)(out, pipeline)
    failed = False
    try:
        for path in args.versions:
            try:
                article = read_article(path, scope.rules.languages, settings.lang, raw=read(path))
                findings = check_version(article, args.source, None, scope.rules, sources, settings.lang, [])
            except RuleErrors:
                raise
            except FactlintError as e:
                summary.unreadable += 1
                err.write(f"{e}\n")
                report.error(e)
                continue
            summary.files += 1
            summary.files_with_findings += bool(findings)
            for f in findings:
                summary.counts[f.severity] += 1
                failed = failed or f.severity >= fail_level
            report.file(path, findings)
        report.close(summary)
    except RuleErrors as e:
        return report_error(e, err)
    if summary.unreadable:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_OK
