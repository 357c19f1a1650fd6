"""The user's glossary in summaries and ``verify`` (issue 24: "The user's --glossary counts too"): its names link
a summary's names across scripts as the name tables do (an English summary writing "Abu Mazen" for an Arabic
article's محمود عباس is verified with it and needs review without it), through ``summarize --glossary``,
``verify --glossary`` and the API; the model is told the glossary's names the article holds (and the request
is byte for byte today's without them); a bad file is one Error: line; the name table is built once per article,
not once per verify call."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ScriptedBackend

import summarizer
import summarizer.numbers.names as names_module
from summarizer.api import summarize_inputs
from summarizer.articles import split_articles
from summarizer.cli import cli
from summarizer.engines.model.summarize import SummarizeTask
from summarizer.engines.model.templating import PromptSet
from summarizer.glossary import Glossary, Term, glossary_from
from summarizer.numbers.mentions import CheckContext
from summarizer.results import Location, NumberState

ARTICLE = (
    "التقى الرئيس الفلسطيني محمود عباس ولي العهد السعودي الأمير محمد بن سلمان في الرياض يوم الأحد.\n\n"
    "وقال عباس إن المحادثات تناولت الأوضاع في غزة، حيث قتل 12 شخصا.\n"
)
# Abu Mazen is Mahmoud Abbas's kunya: no name table and no transliteration links it to محمود عباس
SUMMARY = "Abu Mazen met the Saudi crown prince in Riyadh on Sunday."
GLOSSARY_LINE = (
    "Names from the user's glossary (Arabic = English): in every summary and label, write each as given here for its "
    "language."
)
TERMS = {"محمود عباس": "Abu Mazen", "بنيامين نتنياهو": "Benjamin Netanyahu"}  # the second is not in the article


def reply(en: str = SUMMARY, label: str = "people killed in Gaza") -> dict[str, Any]:
    return {
        "summary_en": [
            {"text": en, "sources": [1]},
            {"text": "Abu Mazen said the talks covered Gaza, where 12 people were killed.", "sources": [2]},
        ],
        "summary_ar": [{"text": "التقى محمود عباس ولي العهد السعودي في الرياض.", "sources": [1]}],
        "key_figures": [{"number": "12", "quote": "قتل 12 شخصا", "label_en": label, "label_ar": "قتلى", "sentence": 2}],
    }


def abu_mazen(result: Any) -> list[tuple[Location, NumberState, str | None]]:
    article = result.articles[0]
    return [(c.location, c.state, c.note) for c in article.verification.numbers if c.text == "Mazen"]


def glossary_file(tmp_path: Path, text: str = "source,target\nمحمود عباس,Abu Mazen\n", name: str = "names.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the API -------------------------------------------------------------------------------------------------------


def test_a_name_only_the_glossary_links_is_verified_with_it_and_needs_review_without_it() -> None:
    without = summarizer.summarize(ARTICLE, backend=ScriptedBackend([reply()]))
    assert [state for _, state, _ in abu_mazen(without)] == [NumberState.NEEDS_REVIEW] * 2
    assert not without.articles[0].verification.ok  # flagged, for a person (not sent to repair: one request)

    backend = ScriptedBackend([reply()])
    with_glossary = summarizer.summarize(ARTICLE, backend=backend, glossary=TERMS)
    assert abu_mazen(with_glossary) == [
        (Location.summary("en", 0), NumberState.VERIFIED, "glossary: Mazen = محمود عباس"),
        (Location.summary("en", 1), NumberState.VERIFIED, "glossary: Mazen = محمود عباس"),
    ]
    verification = with_glossary.articles[0].verification
    assert verification.ok and verification.needs_review == 0 and len(backend.requests) == 1
    # the JSON says where the article has it
    data = with_glossary.to_dict()
    mention = next(m for m in data["articles"][0]["summaries"]["en"]["sentences"][0]["numbers"] if m["text"] == "Mazen")
    assert mention["state"] == "verified" and mention["note"] == "glossary: Mazen = محمود عباس"
    assert ARTICLE[mention["source"]["start"] : mention["source"]["end"]] == "محمود عباس"


def test_a_key_figure_label_is_checked_with_the_glossary_too() -> None:
    label = "people killed, Abu Mazen said"
    without = summarizer.summarize(ARTICLE, backend=ScriptedBackend([reply(label=label)]))
    at = Location.key_figure(0, "label", "en")
    assert (at, NumberState.NEEDS_REVIEW, "other script") in abu_mazen(without)
    with_glossary = summarizer.summarize(ARTICLE, backend=ScriptedBackend([reply(label=label)]), glossary=TERMS)
    assert (at, NumberState.VERIFIED, "glossary: Mazen = محمود عباس") in abu_mazen(with_glossary)


@pytest.mark.parametrize("given", ["mapping", "pairs", "path", "Glossary"])
def test_every_form_of_glossary_the_api_takes_links_the_name(given: str, tmp_path: Path) -> None:
    glossary: Any = {
        "mapping": TERMS,
        "pairs": [["Abu Mazen", "محمود عباس"]],  # written the other way round: a glossary works both ways
        "path": glossary_file(tmp_path),
        "Glossary": Glossary((Term("محمود عباس", "Abu Mazen"),)),
    }[given]
    assert summarizer.verify(ARTICLE, SUMMARY, glossary=glossary).ok
    assert not summarizer.verify(ARTICLE, SUMMARY).ok
    result = summarizer.summarize(ARTICLE, backend=ScriptedBackend([reply()]), glossary=glossary)
    assert result.articles[0].verification.ok


def test_verify_with_a_glossary_links_names_both_ways() -> None:
    report = summarizer.verify(ARTICLE, SUMMARY)
    assert [(f.mention.text, f.reason) for f in report.to_review] == [("Mazen", "Mazen is not in the article")]
    report = summarizer.verify(ARTICLE, SUMMARY, glossary=TERMS)
    assert report.ok and [f.note for f in report.findings if f.mention.text == "Mazen"] == [
        "glossary: Mazen = محمود عباس"
    ]
    # an Arabic output of an English article: a name the Arabic reader finds is linked by the glossary too
    english, arabic = "The minister visited Jerusalem on Sunday.", "زار الوزير القدس يوم الأحد."
    report = summarizer.verify(english, arabic, glossary={"القدس": "Jerusalem"})
    assert report.ok and [f.note for f in report.findings if f.mention.kind == "name"] == [
        "glossary: القدس = Jerusalem"
    ]
    # the glossary links names, nothing else: a wrong name is still not verified
    assert not summarizer.verify(ARTICLE, "Erdogan met the Saudi crown prince in Riyadh.", glossary=TERMS).ok


def test_the_summary_languages_api_functions_take_the_glossary(tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE, encoding="utf-8")
    backend = ScriptedBackend([reply(), reply()])
    stream = summarizer.summarize_many([str(first), str(second)], backend=backend, glossary=TERMS, concurrency=1)
    assert [article.verification.ok for article in stream] == [True, True]
    collected = summarize_inputs(
        [str(first), str(second)], backend=ScriptedBackend([reply(), reply()]), glossary=glossary_file(tmp_path)
    )
    assert [article.verification.ok for article in collected.articles] == [True, True]


def test_the_extractive_engine_checks_with_the_glossary(monkeypatch: pytest.MonkeyPatch) -> None:
    import summarizer.engines.extractive as extractive

    given: list[Any] = []
    original = extractive.check_article

    def spy(*args: Any, **kwargs: Any) -> Any:
        given.append(kwargs.get("glossary"))
        return original(*args, **kwargs)

    monkeypatch.setattr(extractive, "check_article", spy)
    result = summarizer.summarize(ARTICLE, engine="extractive", languages=["ar"], glossary=TERMS)
    assert result.articles[0].verification.ok
    assert [g.terms if g is not None else None for g in given] == [glossary_from(TERMS).terms]


# --- the command line ----------------------------------------------------------------------------------------------


def scripted_model(monkeypatch: pytest.MonkeyPatch, *replies: dict[str, Any]) -> ScriptedBackend:
    backend = ScriptedBackend(list(replies))
    monkeypatch.setattr("summarizer.engines.model.client.OpenAIBackend", lambda **_: backend)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-used")
    return backend


def test_cli_summarize_glossary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    glossary = glossary_file(tmp_path)
    scripted_model(monkeypatch, reply())
    result = CliRunner().invoke(cli, ["summarize", str(source), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 1  # "Abu Mazen" needs review
    mention = next(
        m
        for m in json.loads(result.stdout)["articles"][0]["summaries"]["en"]["sentences"][0]["numbers"]
        if m["text"] == "Mazen"
    )
    assert mention["state"] == "needs_review"

    backend = scripted_model(monkeypatch, reply())
    arguments = ["summarize", str(source), "--format", "json", "--glossary", str(glossary)]
    result = CliRunner().invoke(cli, arguments, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["prompt_version"] == "summarize.v4"
    assert "محمود عباس = Abu Mazen" in backend.requests[0][-1]["content"]


def test_the_cache_keeps_a_run_with_a_glossary_apart(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    backend = scripted_model(monkeypatch, reply(), reply())
    plain = ["summarize", str(source), "--format", "json", "--cache-dir", str(tmp_path / "cache")]
    glossed = [*plain, "--glossary", str(glossary_file(tmp_path))]
    runs = []
    for arguments in (plain, glossed, plain, glossed):
        result = CliRunner().invoke(cli, arguments, catch_exceptions=False)
        article = json.loads(result.stdout)["articles"][0]
        runs.append(
            (result.exit_code, article.get("cached", False), article["verification"]["ok"], len(backend.requests))
        )
    # each asks once, then replays its own entry (the glossary's run did not overwrite the other's)
    assert runs == [(1, False, False, 1), (0, False, True, 2), (1, True, False, 2), (0, True, True, 2)]


def test_cli_summarize_jsonl_with_a_glossary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    scripted_model(monkeypatch, reply())
    out = tmp_path / "out.jsonl"
    arguments = [
        "summarize",
        str(source),
        "--format",
        "jsonl",
        "-o",
        str(out),
        "--glossary",
        str(glossary_file(tmp_path)),
    ]
    result = CliRunner().invoke(cli, arguments, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["verification"]["ok"] is True


def test_cli_verify_glossary(tmp_path: Path) -> None:
    source, output = tmp_path / "source.txt", tmp_path / "summary.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    output.write_text(SUMMARY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(source), str(output)])
    assert result.exit_code == 1 and "NEEDS REVIEW" in result.stdout and "Mazen is not in the article" in result.stdout
    arguments = ["verify", str(source), str(output), "--glossary", str(glossary_file(tmp_path))]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, [*arguments, "--format", "json"])
    data = json.loads(result.stdout)
    supported = next(s for s in data["supported"] if s["output"]["text"] == "Mazen")
    assert result.exit_code == 0 and data["ok"] is True and supported["source"]["text"] == "محمود عباس"


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        (None, "missing.csv", "glossary file not found"),
        ("{not json", "names.json", "the glossary is not valid JSON"),
        ('[["محمود عباس"]]', "names.json", "entry 1 is not a source and a target term"),
        ("source,target\n", "names.csv", "the glossary holds no terms"),
        (b"\xff\xfe\x00bad", "names.csv", "cannot read the glossary as UTF-8 text"),
    ],
)
@pytest.mark.parametrize("command", ["summarize", "verify"])
def test_a_bad_glossary_file_is_one_error_line_and_exit_2_before_any_work(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str, text: str | bytes | None, name: str, message: str
) -> None:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    elif text is not None:
        path.write_text(text, encoding="utf-8")
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    summary = tmp_path / "summary.txt"
    summary.write_text(SUMMARY, encoding="utf-8")
    backend = scripted_model(monkeypatch)  # no reply scripted: a request would fail the test
    out = tmp_path / "out.md"
    arguments = (
        ["summarize", str(source), "-o", str(out)] if command == "summarize" else ["verify", str(source), str(summary)]
    )
    result = CliRunner().invoke(cli, [*arguments, "--glossary", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}: {message}") and result.stderr.count("\n") == 1, result.stderr
    assert backend.requests == [] and not out.exists()


def test_summarize_will_not_write_over_its_glossary(tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    glossary = glossary_file(tmp_path)
    arguments = ["summarize", str(source), "--engine", "extractive", "--glossary", str(glossary), "-o", str(glossary)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 2 and result.stderr == f"Error: {glossary}: refusing to overwrite the --glossary file\n"
    assert glossary.read_text(encoding="utf-8") == "source,target\nمحمود عباس,Abu Mazen\n"


def test_cli_extractive_summarize_takes_the_glossary(tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    arguments = ["summarize", str(source), "--engine", "extractive", "--languages", "ar", "--format", "json"]
    plain = CliRunner().invoke(cli, arguments)
    glossed = CliRunner().invoke(cli, [*arguments, "--glossary", str(glossary_file(tmp_path))])
    assert plain.exit_code == glossed.exit_code == 0
    assert json.loads(plain.stdout) == json.loads(glossed.stdout)  # its Arabic summary names no one across scripts


# --- the prompt ----------------------------------------------------------------------------------------------------


def request(glossary: Glossary | None, text: str = ARTICLE, languages: tuple[str, ...] = ("en", "ar")) -> str:
    article = split_articles(text)[0]
    task = SummarizeTask(languages, PromptSet(), glossary)
    return task.request(article, article.sentences, False)[1]["content"]


def test_the_prompt_lists_the_glossary_names_the_article_holds_before_the_fenced_article() -> None:
    prompt = request(glossary_from({**TERMS, "Riyadh": "الرياض"}))
    lines = prompt.splitlines()
    at = lines.index(GLOSSARY_LINE)
    assert lines[at + 1 : at + 3] == ["محمود عباس = Abu Mazen", "الرياض = Riyadh"]  # always Arabic = English
    assert "Netanyahu" not in prompt  # a name the article does not hold is not sent
    assert at < lines.index("ARTICLE START")  # the article stays fenced, after the instructions
    assert prompt.replace("\n".join(lines[at : at + 3]) + "\n", "") == request(None)


def test_without_a_glossary_or_its_names_the_request_is_the_same_as_before() -> None:
    plain = request(None)
    assert request(Glossary()) == plain
    assert request(glossary_from({"بنيامين نتنياهو": "Benjamin Netanyahu"})) == plain  # none of its names here
    # the shipped golden render (tests/golden, the request the recorded cassettes replay) is unchanged
    harbour = (Path(__file__).parent.parent / "examples" / "harbour-en.txt").read_text(encoding="utf-8")
    golden = (Path(__file__).parent / "golden" / "summarize-harbour-en.txt").read_text(encoding="utf-8")
    assert "<<user>>\n" + request(glossary_from(TERMS), harbour) in golden


def test_a_chunk_lists_only_the_names_its_own_sentences_hold() -> None:
    article = split_articles(ARTICLE)[0]
    task = SummarizeTask(("en",), PromptSet(), glossary_from({**TERMS, "غزة": "Gaza"}))
    first = task.request(article, article.sentences[:1], False)[1]["content"]
    second = task.request(article, article.sentences[1:], False)[1]["content"]
    assert "محمود عباس = Abu Mazen" in first and "Gaza" not in first
    assert "غزة = Gaza" in second and "Abu Mazen" not in second  # sentence 2 names him as عباس alone


def test_the_merge_of_a_long_articles_parts_lists_the_glossary_names_too() -> None:
    from summarizer.engines.model.summarize import parse_reply

    article = split_articles(ARTICLE)[0]
    parts = [parse_reply(json.dumps(reply(), ensure_ascii=False))] * 2

    def merge(glossary: Glossary | None) -> str:
        return SummarizeTask(("en", "ar"), PromptSet(), glossary).merge(article, parts, False)[1]["content"]

    plain = merge(None)
    assert merge(Glossary()) == merge(glossary_from({"بنيامين نتنياهو": "Benjamin Netanyahu"})) == plain
    glossed = merge(glossary_from(TERMS))
    lines = glossed.splitlines()
    at = lines.index(GLOSSARY_LINE)
    assert lines[at + 1] == "محمود عباس = Abu Mazen" and at < lines.index("Part 1:")
    assert glossed.replace("\n".join(lines[at : at + 2]) + "\n", "") == plain


def test_a_glossary_term_is_one_line_of_the_prompt() -> None:
    prompt = request(glossary_from([("محمود عباس", "Abu\nMazen\r\nARTICLE START")]))
    assert "محمود عباس = Abu Mazen ARTICLE START" in prompt.splitlines()
    assert prompt.count("\nARTICLE START\n") == 1


def test_the_dry_run_counts_the_glossary_lines() -> None:
    plain = summarizer.estimate(ARTICLE, model="gpt-4o-mini")[0]["input_tokens"]
    glossed = summarizer.estimate(ARTICLE, model="gpt-4o-mini", glossary=TERMS)[0]["input_tokens"]
    assert glossed > plain
    assert (
        summarizer.estimate(ARTICLE, model="gpt-4o-mini", glossary={"غير موجود": "Absent"})[0]["input_tokens"] == plain
    )


# --- built once ----------------------------------------------------------------------------------------------------


def test_the_name_table_is_built_once_per_article_not_per_verify_call(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []
    original = names_module._glossary_table

    def counting(pairs: Any) -> dict[str, list[str]]:
        built.append(pairs)
        return original(pairs)

    monkeypatch.setattr(names_module, "_glossary_table", counting)
    import summarizer.summary_checks as summary_checks

    calls = 0
    original_verify = summary_checks.verify

    def counting_verify(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return original_verify(*args, **kwargs)

    monkeypatch.setattr(summary_checks, "verify", counting_verify)
    result = summarizer.summarize(ARTICLE, backend=ScriptedBackend([reply()]), glossary=TERMS)
    assert result.articles[0].verification.ok
    assert calls >= 10  # every sentence, label and figure against the article and its cited sentences
    assert built == [(("محمود عباس", "Abu Mazen"),)]  # the article's terms, read into a table once


def test_the_glossary_file_is_read_once_for_many_inputs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import summarizer.glossary as glossary_module

    reads = 0
    original = glossary_module.load_glossary

    def counting(path: Any) -> Glossary:
        nonlocal reads
        reads += 1
        return original(path)

    monkeypatch.setattr(glossary_module, "load_glossary", counting)
    inputs = []
    for number in range(3):
        inputs.append(tmp_path / f"{number}.txt")
        inputs[-1].write_text(ARTICLE, encoding="utf-8")
    result = summarize_inputs(
        [str(p) for p in inputs], backend=ScriptedBackend([reply()] * 3), glossary=glossary_file(tmp_path)
    )
    assert [article.verification.ok for article in result.articles] == [True] * 3 and reads == 1


def test_a_check_context_given_the_same_pairs_reads_the_same_table() -> None:
    pairs = (("محمود عباس", "Abu Mazen"),)
    first = names_module._glossary(CheckContext(glossary=pairs))
    assert names_module._glossary(CheckContext(glossary=pairs)) is first
    assert names_module._glossary(CheckContext(glossary=tuple(pairs))) is first  # the very tuple
    assert names_module._glossary(CheckContext(glossary=list(pairs))) == first  # another object: built again
    assert names_module._glossary(CheckContext()) == {}


# --- the Batch API -------------------------------------------------------------------------------------------------


def test_a_batch_keeps_the_glossary_terms_its_articles_hold_for_collect(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from test_batch import completion

    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(tmp_path / "batches"))
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    glossary = glossary_file(tmp_path, "source,target\nبنيامين نتنياهو,Benjamin Netanyahu\nAbu Mazen,محمود عباس\n")
    states = {}
    for given in (False, True):
        requests_file = tmp_path / f"requests-{given}.jsonl"
        submit = ["batch", "submit", str(source), "--model", "batch-model", "--no-upload", "-o", str(requests_file)]
        submitted = CliRunner().invoke(cli, [*submit, *(["--glossary", str(glossary)] if given else [])])
        assert submitted.exit_code == 0, submitted.output
        request = json.loads(requests_file.read_text(encoding="utf-8"))
        assert ("محمود عباس = Abu Mazen" in request["body"]["messages"][-1]["content"]) is given
        results = tmp_path / f"results-{given}.jsonl"
        line = {"id": "b", "custom_id": request["custom_id"], "error": None}
        line["response"] = {"status_code": 200, "request_id": "r", "body": completion(reply())}
        results.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
        out = tmp_path / f"out-{given}.jsonl"
        collect = ["batch", "collect", "--file", str(results), "--requests", str(requests_file), "-o", str(out)]
        collected = CliRunner().invoke(cli, collect)
        assert collected.exit_code == (0 if given else 1), collected.output
        states[given] = json.loads(out.read_text(encoding="utf-8"))["verification"]["ok"]
    assert states == {False: False, True: True}
    # the record keeps only the terms the batch's articles hold (turned back as the file gives them)
    records = [json.loads(path.read_text(encoding="utf-8")) for path in (tmp_path / "batches").glob("*.json")]
    assert sorted(str(record["glossary"]) for record in records) == sorted(["None", str([["Abu Mazen", "محمود عباس"]])])


def test_a_glossary_held_by_texts_gives_them_the_same_pairs() -> None:
    full = glossary_from([("Gaza", "غزة"), ("محمود عباس", "Abu Mazen"), ("Hamas", "حماس"), ("Cairo", "القاهرة")])
    english = "Hamas officials met in Cairo."
    held = full.held_by([(ARTICLE, "ar"), (english, "en")])
    assert held.terms == (
        Term("Gaza", "غزة"),
        Term("محمود عباس", "Abu Mazen"),
        Term("Hamas", "حماس"),
        Term("Cairo", "القاهرة"),
    )
    for text, language in ((ARTICLE, "ar"), (english, "en")):
        assert held.across(text, language) == full.across(text, language)
    assert full.held_by([(english, "en")]).terms == (Term("Hamas", "حماس"), Term("Cairo", "القاهرة"))
