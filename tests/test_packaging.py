"""The package installed from a wheel carries everything a build needs."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_wheel_ships_the_default_theme_and_the_data_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps",
         "--quiet", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    theme = REPO / "themes" / "default"
    for path in theme.rglob("*"):
        if path.is_file():
            assert (
                f"generator/themes/default/{path.relative_to(theme).as_posix()}"
                in names
            )
    for data in ("data/fields.yaml", "rules/taipei.yaml", "rules/catalogue.yaml",
                 "locales/zh-TW.yaml", "locales/en.yaml", "serve/client.js",
                 "data/github/pages.yml"):  # fmt: skip
        assert f"generator/{data}" in names


def test_a_site_builds_from_the_installed_wheel_alone(tmp_path: Path) -> None:
    wheels, target = tmp_path / "wheels", tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
         str(wheels), str(REPO)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target",
         str(target), *map(str, wheels.glob("*.whl"))],
        check=True,
        capture_output=True,
    )  # fmt: skip

    # Run from elsewhere, with the installed copy first on the path: the
    # checkout's themes/ folder must not be what makes it work.
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("PORTFOLIO_THEMES", None)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(REPO / "content"), "-o",
         str(tmp_path / "out"), "--no-pdf"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "site" / "assets" / "style.css").is_file()
