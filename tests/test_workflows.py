"""The publish workflow deploys on `atlas build` alone, takes down from the last deployed site
when the build fails, and leaves every content check to the test workflow."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import textwrap
import zipfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"


def workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); what matters here is the jobs.
    return yaml.safe_load((WORKFLOWS / name).read_text())


def run_lines(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_publish_never_runs_a_content_check_before_deploying():
    jobs = workflow("publish.yml")["jobs"]
    commands = "\n".join(run_lines(job) for job in jobs.values() if "steps" in job)
    for check in ("make test", "pytest", ".ci/run", "make qa", "readability"):
        assert check not in commands, f"publish.yml runs {check}: a content check would hold back a takedown"
    assert "make build" in commands


def test_a_failed_build_still_deploys_the_takedown():
    build = workflow("publish.yml")["jobs"]["build"]
    steps = {step.get("id"): step for step in build["steps"] if step.get("id")}
    assert steps["build"].get("continue-on-error") is True
    assert steps["takedown"]["if"] == "steps.build.outcome == 'failure'"
    assert "fetch-deployed-site.sh" in steps["takedown"]["run"] and "make takedown" in steps["takedown"]["run"]
    deploy = workflow("publish.yml")["jobs"]["deploy"]
    assert "always()" in deploy["if"] and "deployable" in deploy["if"]
    # And the run still fails, loudly, after the deploy was prepared.
    last = build["steps"][-1]
    assert last["if"] == "steps.build.outcome == 'failure'" and "exit 1" in last["run"]


def test_encoded_photos_are_cached_between_runs():
    steps = workflow("publish.yml")["jobs"]["build"]["steps"]
    caches = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache")]
    assert caches and caches[0]["with"]["path"] == ".cache/atlas"


def test_the_test_workflow_runs_ci_as_root_on_debian_so_chromium_can_be_installed():
    job = workflow("test.yml")["jobs"]["test"]
    assert str(job["container"]).startswith("python:3.11-bookworm")
    assert "bash .ci/run" in run_lines(job)


def test_fetch_deployed_site_unpacks_the_newest_pages_artifact(tmp_path):
    # A stand-in for the GitHub CLI: answers the artifact list and serves one artifact zip, the
    # shape upload-pages-artifact writes (a zip holding artifact.tar).
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w") as tar:
        page = b"<html>deployed</html>"
        info = tarfile.TarInfo("./index.html")
        info.size = len(page)
        tar.addfile(info, io.BytesIO(page))
    with zipfile.ZipFile(tmp_path / "artifact.zip", "w") as archive:
        archive.writestr("artifact.tar", tar_bytes.getvalue())
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(textwrap.dedent(f"""\
        #!/usr/bin/env bash
        case "$2" in
          *"/zip") cat "{tmp_path / 'artifact.zip'}" ;;
          *) echo 42 ;;
        esac
        """))
    (bin_dir / "gh").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GITHUB_REPOSITORY": "foundation/atlas"}
    subprocess.run(["bash", str(REPO / "scripts" / "ci" / "fetch-deployed-site.sh"), str(tmp_path / "site")], env=env, check=True, capture_output=True)
    assert (tmp_path / "site" / "index.html").read_text() == "<html>deployed</html>"


def test_fetch_deployed_site_fails_loudly_when_there_is_none(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text("#!/usr/bin/env bash\necho ''\n")
    (bin_dir / "gh").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GITHUB_REPOSITORY": "foundation/atlas"}
    result = subprocess.run(["bash", str(REPO / "scripts" / "ci" / "fetch-deployed-site.sh"), str(tmp_path / "site")], env=env, capture_output=True, text=True)
    assert result.returncode == 1 and "No earlier deployed site was found" in result.stdout
