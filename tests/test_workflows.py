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
    bin_dir.mkdir(parents=True)
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
    bin_dir.mkdir(parents=True)
    (bin_dir / "gh").write_text("#!/usr/bin/env bash\necho ''\n")
    (bin_dir / "gh").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GITHUB_REPOSITORY": "foundation/atlas"}
    result = subprocess.run(["bash", str(REPO / "scripts" / "ci" / "fetch-deployed-site.sh"), str(tmp_path / "site")], env=env, capture_output=True, text=True)
    assert result.returncode == 1 and "No earlier deployed site was found" in result.stdout


def test_the_only_pull_request_check_that_gates_a_merge_is_the_build():
    build = workflow("build.yml")
    assert run_lines(build["jobs"]["build"]).strip() == "make build"
    assert "required" in (WORKFLOWS / "build.yml").read_text()  # the comment says which check to require


def fake_gh(tmp_path: Path, open_issue: str = "") -> Path:
    """A `gh` that logs its arguments and answers `issue list` with `open_issue`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "gh").write_text(textwrap.dedent(f"""\
        #!/usr/bin/env bash
        echo "$@" >> {tmp_path}/gh.log
        if [ "$1 $2" = "issue list" ]; then echo "{open_issue}"; fi
        """))
    (bin_dir / "gh").chmod(0o755)
    return bin_dir


def remind(tmp_path: Path, atlas_output: str, atlas_status: int, open_issue: str = "") -> list[str]:
    bin_dir = fake_gh(tmp_path, open_issue)
    (bin_dir / "atlas").write_text(f"#!/usr/bin/env bash\nprintf '%s' '{atlas_output}'\nexit {atlas_status}\n")
    (bin_dir / "atlas").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    subprocess.run(["bash", str(REPO / "scripts" / "ci" / "remind.sh")], cwd=tmp_path, env=env, check=True)
    return (tmp_path / "gh.log").read_text().splitlines()


def test_the_reminder_issue_is_opened_then_updated_then_closed(tmp_path):
    assert any(line.startswith("issue create") for line in remind(tmp_path / "a", "body", 0))
    assert any(line.startswith("issue edit 7") for line in remind(tmp_path / "b", "body", 0, open_issue="7"))
    assert any(line.startswith("issue close 7") for line in remind(tmp_path / "c", "", 3, open_issue="7"))
    assert not any(line.startswith("issue") and "list" not in line for line in remind(tmp_path / "d", "", 3))


def test_the_reminders_workflow_runs_daily_with_only_issue_rights():
    text = (WORKFLOWS / "reminders.yml").read_text()
    assert "cron:" in text and "issues: write" in text and "contents: read" in text
    assert "remind.sh" in run_lines(workflow("reminders.yml")["jobs"]["remind"])
