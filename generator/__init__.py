"""Portfolio generator: check, publish and print 學習歷程檔案.

The package reads as a pipeline: reader → rules → render → serve, with the
command line on top (cli.py) and one student's flow in project.py.
"""

__version__ = "0.1.0"
