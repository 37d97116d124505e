"""Portfolio generator: check, publish and print 學習歷程檔案.

The package reads as a pipeline: reader → rules → render → serve, with the
command line on top (cli.py) and one student's flow in project.py.
"""

from pathlib import Path

__version__ = "0.1.0"


def package_text(relative: str) -> str:
    """A data file shipped inside the package, as text.

    The package is always installed as plain files (a wheel or a checkout), so
    a path beside this module is enough; importlib.resources would cost every
    command a tenth of its start-up time.
    """
    return (Path(__file__).parent / relative).read_text(encoding="utf-8")
