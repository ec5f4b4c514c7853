"""The HTML report in headless Chromium: it renders, holds the expected text, is not blank.

Skipped when no Chromium is installed, unless the environment variable ``CI`` is set:
there the browser must be present (``.ci/run`` installs Debian's ``chromium``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from cchc import datasets
from cchc.monitoring import monitor
from cchc.report import write_report
from cchc.scoring import score_round
from cchc.surveys import survey_results
from cchc.vocabulary import Lang

DAY = dt.date(2025, 3, 1)
TIMEOUT = 180
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
EXPECTED: dict[Lang, tuple[str, ...]] = {
    "vi": (
        "Báo cáo kết quả Chỉ số cải cách hành chính năm 2024",
        "Bảng xếp hạng",
        "Điểm theo lĩnh vực",
        "Thay đổi so với năm trước",
        "Phiếu điểm đơn vị",
        "Điểm bị mất",
        "Tình hình thực hiện kế hoạch",
        "Nhiệm vụ quá hạn",
        "Kết quả khảo sát sự hài lòng",
        "Xã Sơn Trà",
        "Thị trấn Tây Sơn",
        "ngày 01 tháng 3 năm 2025",
    ),
    "en": (
        "Administrative reform index 2024: results",
        "Ranking",
        "Scores by area",
        "Year-over-year movement",
        "Unit score cards",
        "Points lost",
        "Plan implementation",
        "Overdue tasks",
        "Satisfaction survey",
        "Xã Sơn Trà",
        "1 March 2025",
    ),
}


@pytest.fixture(scope="module")
def browser() -> str:
    """The Chromium binary: skipped without one, except in CI."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (chromium or chromium-browser on PATH)")
        pytest.skip("Chromium is not installed")
    return found


def run(browser: str, profile: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [browser, *FLAGS, f"--user-data-dir={profile}", *arguments]
    return subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT, check=False
    )


@pytest.fixture(scope="module", params=["vi", "en"])
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    lang: Lang = request.param
    framework = datasets.framework("illustrative-district")
    before = score_round(framework, datasets.assessment_round("huong-son-communes-2023"))
    round_ = datasets.assessment_round("huong-son-communes-2024")
    survey = survey_results(
        datasets.sipas_questionnaire(), datasets.survey_round("huong-son-sipas-2024")
    )
    status = monitor(
        datasets.huong_son_plan_2022(),
        as_of=datasets.HUONG_SON_PLAN_AS_OF,
        programme=datasets.cascade(datasets.huong_son_programme()),
    )
    path = tmp_path_factory.mktemp(f"report-{lang}") / "report.html"
    write_report(
        path, framework, score_round(framework, round_, previous=before), assessments=round_,
        monitoring=status, survey=survey, lang=lang, generated_on=DAY,
    )  # fmt: skip
    return path


def test_renders_the_expected_text(browser: str, report: Path, tmp_path: Path) -> None:
    done = run(browser, tmp_path / "profile", "--dump-dom", report.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    lang: Lang = "vi" if '<html lang="vi">' in dom else "en"
    for text in EXPECTED[lang]:
        assert text in dom, text
    assert dom.count("<svg") == 5
    assert dom.count('<details class="card"') == 25


def test_screenshot_is_not_blank(browser: str, report: Path, tmp_path: Path) -> None:
    from matplotlib import image

    shot = tmp_path / "report.png"
    done = run(
        browser, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000",
        report.as_uri(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    pixels = np.asarray(image.imread(shot))[..., :3]
    assert pixels.shape[:2] == (2000, 1280)
    colours = np.unique(pixels.reshape(-1, 3), axis=0)
    assert len(colours) > 50  # text, charts and colours, not one flat fill
    background = np.median(pixels.reshape(-1, 3), axis=0)
    differs = np.abs(pixels - background).sum(axis=-1) > 0.05
    assert differs.mean() > 0.1  # a tenth of the page is more than background
