"""A library of other reports, end to end with the real model and an embedded Chroma: ingest says what it found per
document and warns when quotes go unattributed, a pattern can be set for one document, two documents that share a
code are two respondents (in citations, filters and counts), and the evals run on it with no hand-written
questions."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from assistant import Assistant, Settings
from assistant.presentation.privacy import small_group_notice
from assistant.types import QUOTE, Filters

WARD = """Ward staffing review

Findings

Nurses described the night shift as the hardest. "We are two on a ward of thirty and nobody comes" (P01 Nurse).
Pharmacists spoke of stock: "the Friday delivery never arrives before noon" (P02 Pharmacist).

"Handover is where it all goes wrong, every single time." (P03 Nurse)
"""
CLINIC = """Clinic waiting times

Results

‘The queue starts at five in the morning and the doors open at eight.’ (P01_F_34)

‘I brought my children because there was nobody to leave them with.’
(P04_M_41)
"""
SURVEY = """Staff survey comments

Comments

“We were promised new beds and got new forms.” {id:17}

“The canteen closes before the night shift starts.” {id:22}

“Parking is impossible after seven.” {id:9}
"""


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("library")
    downloads = folder / "downloads"
    downloads.mkdir()
    for name, text in (("ward.md", WARD), ("clinic.txt", CLINIC), ("survey.txt", SURVEY)):
        (downloads / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "ASSISTANT_CORPUS_DIR": str(folder / "corpus"), "ASSISTANT_INDEX_DIR": str(folder / "index")}
    return folder, downloads, env


@pytest.mark.slow
def test_ingest_reports_per_document_and_warns_about_quotes_nobody_is_credited_with(library):
    folder, downloads, env = library
    done = run_cli("ingest", str(downloads / "ward.md"), str(downloads / "clinic.txt"), str(downloads / "survey.txt"),
                   env=env)
    assert done.returncode == 0, done.stderr
    assert "ward.md: 3 quote(s) attributed to 3 respondent(s) (groups: Nurse, Pharmacist); 0 unattributed" in done.stdout
    assert "clinic.txt: 2 quote(s) attributed to 2 respondent(s); 0 unattributed" in done.stdout
    assert "survey.txt: 0 quote(s) attributed" in done.stdout
    assert "warning: survey.txt: 3 quote(s) but no attribution was recognised; after the quotes come {id:17}" \
        in done.stderr and "--pattern" in done.stderr


@pytest.mark.slow
def test_a_pattern_for_one_document_reads_it_and_leaves_the_others_learned(library):
    folder, downloads, env = library
    done = run_cli("ingest", str(downloads / "survey.txt"), "--pattern", r"\{id:(?P<code>\d+)\}", env=env)
    assert done.returncode == 0, done.stderr
    assert "survey.txt: 3 quote(s) attributed to 3 respondent(s)" in done.stdout and "warning" not in done.stderr
    patterns = json.loads((folder / "corpus" / "patterns.json").read_text())
    assert patterns == {"survey.txt": r"\{id:(?P<code>\d+)\}"}
    mode = stat.S_IMODE((folder / "corpus" / "ward.md").stat().st_mode)
    assert mode == 0o666 & ~current_umask()  # the user's umask, so a shared folder shares it


@pytest.mark.slow
def test_two_documents_that_share_a_code_are_two_respondents(library, embedder):
    folder, _, _ = library
    assistant = Assistant.from_settings(Settings(corpus_dir=folder / "corpus", index_dir=folder / "index"))
    p01 = assistant.directory.by_code("P01")
    assert sorted(person.document for person in p01) == ["clinic.txt", "ward.md"]
    answer = assistant.ask("What did P01 say?")
    quoted = {(c.source, c.code) for c in answer.citations if c.kind == QUOTE}
    assert quoted == {("ward.md", "P01"), ("clinic.txt", "P01")}
    assert "[P01 Nurse, ward.md]" in answer.answer and "[P01, clinic.txt]" in answer.answer
    one = assistant.ask("What did they say?", respondent="clinic.txt::P01")
    assert {(c.source, c.code) for c in one.citations} == {("clinic.txt", "P01")}
    notice = small_group_notice(assistant.directory, Filters(respondents=tuple(p.key for p in p01)))
    assert "two respondents (P01, clinic.txt; P01, ward.md)" in notice  # names with commas, parted by semicolons


@pytest.mark.slow
def test_self_check_needs_no_questions_and_reports_each_document(library, tmp_path):
    folder, _, env = library
    done = run_cli("eval", "--self-check", "--out", str(tmp_path), env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    for name in ("ward.md", "clinic.txt", "survey.txt"):
        assert name in done.stdout
    summary = json.loads(next(tmp_path.glob("*/summary.json")).read_text())
    assert summary["overall"]["quote_verbatim_rate"] == 1.0 and summary["overall"]["attribution_accuracy"] == 1.0
    assert set(summary["by_document"]) == {"ward.md", "clinic.txt", "survey.txt"}


@pytest.mark.slow
def test_eval_scores_a_users_own_dataset_and_refuses_one_that_is_not(library, tmp_path):
    folder, _, env = library
    dataset = tmp_path / "mine.jsonl"
    dataset.write_text(json.dumps({
        "id": "m1", "question": "What did pharmacists say about deliveries?", "kind": "quote_seeking",
        "answerable": True, "expected_codes": ["P02"], "gold_evidence": ["the Friday delivery never arrives before noon"],
        "key_points": ["late deliveries"], "history": [], "filters": {}, "split": "dev", "document": "ward.md",
    }) + "\n", encoding="utf-8")
    done = run_cli("eval", "--dataset", str(dataset), "--out", str(tmp_path / "out"), env=env)
    summary = json.loads(next((tmp_path / "out").glob("*/summary.json")).read_text())
    assert summary["overall"]["codes_all_cited"] == 1.0 and summary["overall"]["hit@5"] == 1.0, done.stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "no id"}\n', encoding="utf-8")
    refused = run_cli("eval", "--dataset", str(bad), env=env)
    assert refused.returncode == 1 and refused.stderr.startswith("error: ") and "Traceback" not in refused.stderr


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_closed_pipe_ends_the_cli_quietly(assistant, shared_index_dir):
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(shared_index_dir)}
    command = f"{sys.executable} -m assistant.cli ask 'What drives partnership working?' --json | head -c 200"
    for _ in range(3):
        done = subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True, timeout=300)
        assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr


REPORT_OF_INTERVIEWS = """# Reablement at home: findings

## Rotas

Care workers said the rota left no time to travel between calls.

"The rota gives you ten minutes to cross the whole valley." (P4, care worker, Dunmore)

"In town the calls are close together, so the rota mostly works." (P6, care worker, Ashby)

Coordinators agreed that travel was the problem in the valley.

"Every round in the valley loses an hour to driving." (P8, coordinator, Dunmore)

"We can cover Ashby with the staff we have." (P9, coordinator, Ashby)
"""
INTERVIEW_CAPTIONS = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Interviewer>How is the rota working for you?</v>

00:00:05.000 --> 00:00:12.000
<v P4 (Care worker, Dunmore)>Honestly, the rota gives you no time to get from one call to the next one.</v>
"""


@pytest.mark.slow
def test_a_group_spelt_with_a_capital_in_one_document_is_the_same_group_in_another(tmp_path, embedder):
    """A transcript's speaker label starts its role with a capital ("Care worker"), the report quoting it writes
    "care worker": one group, so that asking what care workers said hears both (it heard only the report's quote, and
    counts were broken down by document, as if the two were separate studies)."""
    from conftest import assistant_over_documents

    study = assistant_over_documents(tmp_path, embedder, {"findings.md": REPORT_OF_INTERVIEWS,
                                                         "P4 interview.vtt": INTERVIEW_CAPTIONS})
    assert study.directory.groups() == ["care worker", "coordinator"]
    answer = study.ask("What did care workers say about the rota?")
    assert {citation.source for citation in answer.citations if citation.kind == QUOTE} == \
        {"findings.md", "P4 interview.vtt"}


@pytest.mark.slow
def test_a_place_a_transcript_gives_as_a_detail_is_an_area_where_the_report_places_others(tmp_path, embedder):
    """A transcript's speaker label says where they work ("P4 (Care worker, Dunmore)"), which read alone is a detail:
    the report quoting others puts them in Dunmore, so the speaker is in Dunmore too, and asking of Dunmore hears
    them (it heard only the report)."""
    from conftest import assistant_over_documents

    study = assistant_over_documents(tmp_path, embedder, {"findings.md": REPORT_OF_INTERVIEWS,
                                                         "P4 interview.vtt": INTERVIEW_CAPTIONS})
    spoken = [passage for passage in study.retriever.passages if passage.source == "P4 interview.vtt"
              and passage.kind == QUOTE]
    assert [(passage.area, passage.facets) for passage in spoken] == [("Dunmore", ())]
    answer = study.ask("What did people in Dunmore say about the rota?")
    assert {citation.source for citation in answer.citations if citation.kind == QUOTE} == \
        {"findings.md", "P4 interview.vtt"}


SURVEY_ANSWERS = """Response ID,Respondent type,Area,Q4 What would you change?
1003,Resident,Northgate,"Three weeks is too long for a family of five, the lid will not shut."
1014,Resident,Northgate,"Terraced streets like ours have nowhere to keep a caddy and three bins."
1045,Council employee,Fellside,"The online form for extra capacity kept crashing, which drove most complaints."
1052,Council employee,Fellside,"Crews need more time on the narrow streets during the first month."
"""
SURVEY_FINDINGS = """# Collection trial: survey findings

## Capacity

Most residents in Northgate said three weeks was too long.

"Three weeks is too long for a family of five, the lid will not shut." (Response 1003, resident, Northgate)

## Contact centre

Staff traced the complaints to the online form.

"The online form for extra capacity kept crashing." – ID 1045, council employee
"""


@pytest.mark.slow
def test_a_survey_export_and_its_report_quote_one_respondent_once(tmp_path, embedder):
    """A survey's answers as a spreadsheet, beside the report quoting some of them as "ID 1045": the row and the
    report's quote are one person (the report quotes the row's words, and the two documents place and group the
    people they both number alike), so "respondent 1045" is one person, counted once (they were two, "perhaps one
    person", and every count of the study counted them twice), and the words they share are shown once, as for a
    question of their group (the report quotes part of the row)."""
    from conftest import assistant_over_documents

    study = assistant_over_documents(tmp_path, embedder, {"responses.csv": SURVEY_ANSWERS,
                                                         "findings.md": SURVEY_FINDINGS})
    assert len(study.directory.matching()) == 4  # the export's four rows; the report's two are two of them
    answer = study.ask("What did respondent 1045 say?")
    assert [citation.code for citation in answer.citations if citation.kind == QUOTE] in (["Response 1045"],
                                                                                        ["ID 1045"])
    assert "perhaps" not in answer.answer and "different people" not in answer.answer, answer.answer
    counted = study.ask("How many respondents said three weeks is too long?")
    count = next(block for block in counted.blocks if block.kind == "prevalence")
    assert (count.count, count.total) == (1, 4), counted.answer
    # asked of the report, its two people, and what they say in it (not in the export)
    counted = study.ask("How many respondents in findings.md mentioned the online form?")
    count = next(block for block in counted.blocks if block.kind == "prevalence")
    assert (count.count, count.total) == (1, 2), counted.answer
    assert {example.citation.source for example in count.examples} == {"findings.md"}, counted.answer
    about = study.ask("What did council employees say about the online form?")
    shown = [citation.quote for citation in about.citations if citation.kind == QUOTE]
    assert sum("The online form for extra capacity kept crashing" in quote for quote in shown) == 1, shown
