"""MkDocs hooks for the docs site (mkdocs.yml `hooks:`).

The Benchmarks page includes benchmarks/README.md whole, and that text shows the start-up chart
by its own relative name, `startup.svg`: the chart is served beside the page, from where
`python -m benchmarks.report` writes it, so there is one copy.
"""

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent


def on_files(files: Files, config: Any) -> Files:
    files.append(
        File(
            "startup.svg",
            src_dir=str(ROOT / "benchmarks"),
            dest_dir=config["site_dir"],
            use_directory_urls=config["use_directory_urls"],
        )
    )
    return files
