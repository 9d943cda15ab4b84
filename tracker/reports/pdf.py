"""Word to PDF with LibreOffice headless, for looking at a report as it prints (scripts, bench, one test)."""

import re
import shutil
import subprocess
from pathlib import Path
from tempfile import TemporaryDirectory

SOFFICE = "soffice"
CONVERT_TIMEOUT_S = 300


class NoLibreOffice(RuntimeError):
    """soffice is not installed, or it could not convert the file."""


def soffice_path() -> str | None:
    return shutil.which(SOFFICE)


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF LibreOffice prints from a Word file; raises NoLibreOffice when soffice is absent or fails."""
    binary = soffice_path()
    if binary is None:
        raise NoLibreOffice("LibreOffice (soffice) is not installed: apt-get install -y libreoffice-writer")
    with TemporaryDirectory(prefix="tracker-pdf-") as folder:
        source = Path(folder) / "report.docx"
        source.write_bytes(docx)
        # A profile of its own, so that a LibreOffice the user has open does not swallow the conversion.
        profile = f"-env:UserInstallation=file://{Path(folder) / 'profile'}"
        done = subprocess.run([binary, profile, "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)],
                              capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S)
        target = source.with_suffix(".pdf")
        if not target.is_file():
            raise NoLibreOffice(f"soffice did not convert the report: {done.stderr.strip() or done.stdout.strip()}")
        return target.read_bytes()


def page_count(pdf: bytes) -> int:
    """Pages of a PDF, from its page tree (LibreOffice writes one /Type /Page object per page)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
