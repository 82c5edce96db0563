"""Checks of the repository's GitHub configuration.

- zizmor (offline) finds nothing in the workflows, dependabot.yml and the
  pre-commit configuration;
- every action is pinned to a full commit SHA with a "# vX.Y.Z" comment;
- the workflow token starts without permissions, jobs ask only for what they
  need, no workflow runs on `pull_request_target`, checkout keeps no credentials;
- the issue form "Neuen Klimapartner melden" offers exactly the registry's values
  (klimapakt.model), so a reported partner can be copied into partners.yml as is.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOW_DIR = GITHUB / "workflows"
WORKFLOWS = sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])
ISSUE_FORM = GITHUB / "ISSUE_TEMPLATE" / "neuer-klimapartner.yml"
DEPENDABOT = GITHUB / "dependabot.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"

SHA_RE = re.compile(r"^[0-9a-f]{40}$")
# `uses: owner/repo[/path]@<ref>  # vX.Y.Z` on one line (block style, as written here).
USES_LINE_RE = re.compile(
    r"""^\s*(?:-\s+)?uses:\s*["']?(?P<ref>[^\s"'#]+)["']?\s*(?:\#\s*(?P<comment>.*))?$"""
)
VERSION_COMMENT_RE = re.compile(r"^v\d+\.\d+\.\d+\b")

# Write permissions a job may hold: (workflow file, job id) -> scopes.
ALLOWED_WRITE = {
    ("deploy.yml", "deploy"): {"pages", "id-token"},
    ("monitoring.yml", "report"): {"issues"},  # keeps the one issue „Monitoring Klimapakt“ up to date
    # „Tabelle übernehmen“: pushes partners.yml to the pull request's branch, comments, starts „Pull Request“.
    ("import.yml", "import"): {"contents", "pull-requests", "actions"},
    ("editor.yml", "normalize"): {"contents", "actions"},  # pushes the normalised file to the editor's branch cms/…
}


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys (PyYAML silently keeps the last one)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_UniqueKeyLoader)  # noqa: S506 (SafeLoader subclass)


def triggers(workflow: dict) -> dict:
    """The `on:` block as a mapping. PyYAML (YAML 1.1) reads the key `on` as True."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    assert isinstance(on, dict), f"unexpected `on:` value {on!r}"
    return on


def steps(workflow: dict):
    """(job id, step) for every step of every job."""
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps") or []:
            yield job_id, step


def all_uses(workflow: dict) -> list[str]:
    """Every `uses:` of the workflow: steps and reusable-workflow jobs."""
    refs = [job["uses"] for job in workflow["jobs"].values() if "uses" in job]
    refs += [step["uses"] for _, step in steps(workflow) if "uses" in step]
    return refs


@pytest.fixture(params=WORKFLOWS, ids=lambda p: p.name)
def workflow_path(request) -> Path:
    return request.param


def test_workflows_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"pr.yml", "deploy.yml", "monitoring.yml", "import.yml"} <= names, names


# --- (a) zizmor ------------------------------------------------------------------


def zizmor_command() -> list[str]:
    """The zizmor binary installed next to this Python, else the one on PATH."""
    scripts = Path(sysconfig.get_path("scripts"))
    for candidate in (scripts / "zizmor", Path(sys.executable).with_name("zizmor")):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    found = shutil.which("zizmor")
    if found:
        return [found]
    pytest.fail("zizmor is not installed: it must be in requirements/audit.txt (zizmor==1.32.0).")


def test_zizmor_offline_reports_no_findings():
    inputs = [p for p in (WORKFLOW_DIR, DEPENDABOT, PRE_COMMIT) if p.exists()]
    cmd = [
        *zizmor_command(),
        "--offline",  # no network, no GitHub token: only the offline audits
        "--no-progress",
        "--color=never",
        "--strict-collection",  # a broken YAML file is an error, not a warning
        "--format=json",
        *(str(p.relative_to(ROOT)) for p in inputs),
    ]
    env = {k: v for k, v in os.environ.items() if k not in {"GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN"}}
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    report = f"$ {' '.join(cmd)}\nexit code {proc.returncode}\n--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
    print(report)
    assert proc.returncode == 0, report
    findings = json.loads(proc.stdout or "[]")
    assert findings == [], report


# --- (b) pinning -------------------------------------------------------------------


def test_every_action_is_pinned_to_a_commit_sha(workflow_path):
    workflow = load_yaml(workflow_path)
    refs = all_uses(workflow)
    assert refs, f"{workflow_path.name} uses no actions?"
    for ref in refs:
        if ref.startswith("./"):
            continue  # a local action or workflow: versioned with this repository
        if ref.startswith("docker://"):
            assert "@sha256:" in ref, f"{workflow_path.name}: image not pinned by digest: {ref}"
            continue
        name, sep, version = ref.partition("@")
        assert sep and SHA_RE.match(version), (
            f"{workflow_path.name}: `{ref}` is not pinned to a full 40-character commit SHA"
        )
        assert name.count("/") >= 1, f"{workflow_path.name}: unexpected action reference {ref}"


def test_every_pinned_action_has_a_version_comment(workflow_path):
    refs_in_text = []
    for lineno, line in enumerate(workflow_path.read_text(encoding="utf-8").splitlines(), 1):
        match = USES_LINE_RE.match(line)
        if not match:
            continue
        ref, comment = match["ref"], (match["comment"] or "").strip()
        refs_in_text.append(ref)
        if ref.startswith("./"):
            continue
        assert VERSION_COMMENT_RE.match(comment), (
            f"{workflow_path.name}:{lineno}: `{ref}` needs a release comment like `# v1.2.3`, got {comment!r}"
        )
    # Every `uses:` the YAML parser sees was checked above (none hides in flow style).
    assert sorted(refs_in_text) == sorted(all_uses(load_yaml(workflow_path)))


def test_same_action_is_pinned_to_the_same_sha_everywhere():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = USES_LINE_RE.match(line)
            if match and "@" in match["ref"]:
                name, _, version = match["ref"].partition("@")
                pins.setdefault(name, set()).add(f"{version} # {(match['comment'] or '').strip()}")
    mixed = {name: versions for name, versions in pins.items() if len(versions) > 1}
    assert not mixed, f"actions pinned to different commits in different places: {mixed}"


# --- (c) permissions, triggers, checkout ---------------------------------------------


def test_top_level_permissions_are_empty(workflow_path):
    workflow = load_yaml(workflow_path)
    assert "permissions" in workflow, f"{workflow_path.name}: no top-level `permissions:`"
    assert workflow["permissions"] == {}, (
        f"{workflow_path.name}: top-level permissions must be `{{}}`, got {workflow['permissions']!r}"
    )


def test_jobs_ask_only_for_what_they_need(workflow_path):
    workflow = load_yaml(workflow_path)
    for job_id, job in workflow["jobs"].items():
        perms = job.get("permissions")
        assert isinstance(perms, dict), (
            f"{workflow_path.name}: job `{job_id}` must list its permissions explicitly, got {perms!r}"
        )
        writes = {scope for scope, level in perms.items() if level == "write"}
        allowed = ALLOWED_WRITE.get((workflow_path.name, job_id), set())
        assert writes <= allowed, (
            f"{workflow_path.name}: job `{job_id}` may not have write access to {sorted(writes - allowed)}"
        )
        assert set(perms.values()) <= {"read", "write", "none"}, perms


def test_no_pull_request_target(workflow_path):
    workflow = load_yaml(workflow_path)
    assert "pull_request_target" not in triggers(workflow), (
        f"{workflow_path.name}: `pull_request_target` runs fork code with a privileged token"
    )


def test_checkout_never_persists_credentials(workflow_path):
    workflow = load_yaml(workflow_path)
    checkouts = [
        (job_id, step) for job_id, step in steps(workflow)
        if str(step.get("uses", "")).startswith("actions/checkout@")
    ]
    for job_id, step in checkouts:
        assert (step.get("with") or {}).get("persist-credentials") is False, (
            f"{workflow_path.name}: checkout in job `{job_id}` needs `persist-credentials: false`"
        )


def test_every_job_has_a_timeout(workflow_path):
    workflow = load_yaml(workflow_path)
    for job_id, job in workflow["jobs"].items():
        timeout = job.get("timeout-minutes")
        assert isinstance(timeout, int) and 0 < timeout <= 60, (
            f"{workflow_path.name}: job `{job_id}` needs `timeout-minutes` (1–60), got {timeout!r}"
        )


def test_concurrency_is_set(workflow_path):
    workflow = load_yaml(workflow_path)
    assert isinstance(workflow.get("concurrency"), dict), f"{workflow_path.name}: no `concurrency:`"
    assert workflow["concurrency"].get("group"), workflow["concurrency"]


def test_pr_workflow():
    workflow = load_yaml(WORKFLOW_DIR / "pr.yml")
    on = triggers(workflow)
    assert set(on) == {"pull_request", "push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}  # the whole suite also runs on main
    assert set(workflow["jobs"]) == {"changes", "check", "build", "site-tests", "test"}
    uploads = [step for _, step in steps(workflow) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert [step["with"]["name"] for step in uploads] == ["site-preview"]
    assert uploads[0]["with"]["path"].rstrip("/") == "site"
    # The code path also builds with ProperDocs and compares the two sites.
    assert "make compare-generators" in [step.get("run") for job_id, step in steps(workflow) if job_id == "test"]


def job_runs(workflow: dict, job_id: str) -> str:
    return "\n".join(step.get("run", "") for step in workflow["jobs"][job_id]["steps"])


def test_the_changes_job_decides_with_git_alone():
    workflow = load_yaml(WORKFLOW_DIR / "pr.yml")
    job = workflow["jobs"]["changes"]
    assert [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step] == ["actions/checkout"]
    assert job["steps"][0]["with"]["fetch-depth"] == 2  # the merge commit and its base
    kind_step = next(step for step in job["steps"] if step.get("id") == "kind")
    assert kind_step["run"] == 'python3 scripts/change_kind.py >> "$GITHUB_OUTPUT"'
    assert job["outputs"] == {"code": "${{ steps.kind.outputs.code }}"}


def test_the_staff_path_runs_the_tests_that_read_the_data_and_no_browser_test():
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts=", "-p", "no:cacheprovider",
                             "-m", "data and not browser"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    selected = {line.split("::")[0] + "::" + line.split("::")[1].split("[")[0]
                for line in result.stdout.splitlines() if "::" in line}
    assert {  # what a changed partner, event, page or figure can break
        "tests/website/test_links.py::test_every_internal_link_and_anchor_resolves_in_the_real_site",
        "tests/website/test_html_validity.py::test_built_html_has_no_vnu_errors",
        "tests/generator/test_site_build.py::test_founding_partners_are_initialpartner_without_badge_size_or_agreement_claim",
        "tests/exports/test_schema.py::test_shipped_registry_validates",
        "tests/load/test_events.py::test_shipped_events_yml_is_valid",
        "tests/load/test_date_precision.py::test_no_built_page_or_feed_names_a_day_of_a_month_only_post",
        "tests/load/test_figures.py::test_the_start_page_shows_each_sourced_figure_with_its_date_and_source",
    } <= selected
    assert not any("browser" in test or "test_properties" in test for test in selected)
    assert len(selected) < 100  # the staff path stays a short run


def test_staff_path_and_code_path():
    jobs = load_yaml(WORKFLOW_DIR / "pr.yml")["jobs"]
    staff, code = jobs["site-tests"], jobs["test"]
    assert staff["needs"] == code["needs"] == "changes"
    assert staff["if"] == "needs.changes.outputs.code == 'false'"
    # The whole suite runs unless the change is known to be data only, also when `changes` failed.
    assert code["if"] == "${{ !cancelled() && needs.changes.outputs.code != 'false' }}"
    staff_runs, code_runs = job_runs({"jobs": jobs}, "site-tests"), job_runs({"jobs": jobs}, "test")
    assert 'python -m pytest -m "data and not browser"' in staff_runs and "chromium" not in staff_runs
    assert "make test" in code_runs and "chromium" in code_runs
    # `make test` runs `npm ci` and the Nu Html Checker: the container needs Node and Java.
    assert {"nodejs", "npm", "default-jre-headless"} <= set(code_runs.split())
    # The check and the preview run on both paths.
    assert "needs" not in jobs["check"] and "if" not in jobs["check"]
    assert "needs" not in jobs["build"] and "if" not in jobs["build"]


def test_the_check_compares_with_the_base_branch():
    job = load_yaml(WORKFLOW_DIR / "pr.yml")["jobs"]["check"]
    assert job["steps"][0]["with"]["fetch-depth"] == 2
    runs = job_runs({"jobs": {"check": job}}, "check")
    assert 'if [ "$GITHUB_EVENT_NAME" = pull_request ]; then set -- --base HEAD^1; fi' in runs
    assert 'python -m klimapakt check --github "$@"' in runs


def test_the_preview_is_built_to_open_from_a_folder_and_the_summary_says_how():
    job = load_yaml(WORKFLOW_DIR / "pr.yml")["jobs"]["build"]
    runs = job_runs({"jobs": {"build": job}}, "build")
    assert "mkdocs build --strict -f mkdocs.preview.yml" in runs
    summary = next(step["run"] for step in job["steps"] if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    text = summary.split("<<'TEXT'", 1)[1].rsplit("TEXT", 1)[0]
    prose = " ".join(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    assert len(re.findall(r"[.!?](?:\s|$)", prose)) == 2, prose  # two sentences
    for needle in ("Artifacts", "site-preview", "entpacken", "index.html"):
        assert needle in prose
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "site-preview" in guide and "index.html" in guide


def load_change_kind():
    import importlib.util

    spec = importlib.util.spec_from_file_location("change_kind", ROOT / "scripts/change_kind.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("paths", "code"), [
    (["partners.yml"], False),
    (["partners.yml", "events.yml", "docs/assets/partners/muster-gmbh.svg"], False),
    (["kennzahlen.yml"], False),
    (["docs/kontakt.md", "docs/aktuelles/posts/2026-01-treffen.md"], False),
    ([], False),
    (["partners.yml", "klimapakt/render.py"], True),
    (["klimapakt/templates/card.html"], True),
    (["docs/assets/css/klimapakt.css"], True),
    (["docs/assets/js/search-on-demand.js"], True),
    (["docs/assets/partners/sub/x.svg"], True),
    (["overrides/main.html"], True),
    (["requirements/site.txt"], True),
    (["mkdocs.yml"], True),
    (["hooks.py"], True),
    (["docs/partners.yml"], True),
    ([".github/workflows/pr.yml"], True),
    (["CONTRIBUTING.md"], True),
    # „Tabelle übernehmen“: an uploaded sheet, then the import's commit (sheet removed, partners.yml changed).
    (["import/Partnerliste 2026.xlsx"], False),
    (["import/liste.CSV", "partners.yml"], False),
    (["import/sub/liste.xlsx"], True),
    (["import/liste.py"], True),
    ([".github/workflows/import.yml"], True),
])
def test_change_kind_sorts_paths(paths, code):
    assert load_change_kind().code_changed(paths) is code


def test_change_kind_reads_the_merge_commit_and_defaults_to_the_code_path(tmp_path):
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(tmp_path), "PATH": os.environ["PATH"]}

    def git_run(*args: str) -> None:
        subprocess.run([git, *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    def kind(event: str) -> str:
        done = subprocess.run([sys.executable, str(ROOT / "scripts/change_kind.py")], cwd=tmp_path,
                              env={**env, "GITHUB_EVENT_NAME": event}, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    (tmp_path / "partners.yml").write_text("partners: []\n", encoding="utf-8")
    git_run("init", "-q")
    git_run("add", ".")
    git_run("commit", "-q", "-m", "one")
    assert kind("pull_request") == "code=true\n"  # no base commit: when in doubt, the code path
    (tmp_path / "partners.yml").write_text("partners: []\n# neu\n", encoding="utf-8")
    git_run("commit", "-q", "-am", "two")
    assert kind("pull_request") == "code=false\n"
    assert kind("push") == "code=true\n"
    (tmp_path / "hooks.py").write_text("", encoding="utf-8")
    git_run("add", ".")
    git_run("commit", "-q", "-m", "three")
    assert kind("pull_request") == "code=true\n"


def test_deploy_workflow():
    workflow = load_yaml(WORKFLOW_DIR / "deploy.yml")
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    assert on["schedule"] and all("cron" in entry for entry in on["schedule"])
    assert "workflow_dispatch" in on
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    # The job that holds the publishing permissions runs no code from the repository.
    assert all("run" not in step for step in deploy["steps"])
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_deploy_workflow_chooses_github_pages_or_the_ssh_server_by_a_repository_variable():
    workflow = load_yaml(WORKFLOW_DIR / "deploy.yml")
    jobs = workflow["jobs"]
    assert set(jobs) == {"build", "deploy", "deploy-ssh"}
    assert jobs["deploy"]["if"] == "vars.DEPLOY_TARGET != 'ssh'"  # GitHub Pages unless the variable says ssh
    ssh = jobs["deploy-ssh"]
    assert (ssh["if"], ssh["needs"]) == ("vars.DEPLOY_TARGET == 'ssh'", "build")
    assert ssh["permissions"] == {"contents": "read"}
    assert ssh["environment"]["name"] == "server"
    # The same build, release check and preview for both targets; only the artifact differs.
    build_steps = {step["name"]: step for step in jobs["build"]["steps"]}
    assert "if" not in build_steps["Partnerregister und Pflichtangaben prüfen"]
    assert build_steps["mkdocs build --strict"]["env"]["KLIMAPAKT_PRECOMPRESS"] == "${{ vars.DEPLOY_TARGET == 'ssh' }}"
    assert build_steps["Upload Pages artifact"]["if"] == "vars.DEPLOY_TARGET != 'ssh'"
    upload = build_steps["Upload the site for the server"]
    assert upload["if"] == "vars.DEPLOY_TARGET == 'ssh'" and upload["with"]["include-hidden-files"] is True
    download = next(step for step in ssh["steps"] if step.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"]["name"] == upload["with"]["name"]
    # Secrets only in the deploy job's deploy step, never expanded into a script; host keys pinned.
    for job_id, step in steps(workflow):
        uses_secrets = "secrets." in json.dumps(step)
        assert uses_secrets == (job_id == "deploy-ssh" and step["name"] == "python -m klimapakt deploy"), (job_id, step)
        assert "${{" not in step.get("run", ""), (job_id, step["name"])
    deploy_step = next(step for step in ssh["steps"] if step["name"] == "python -m klimapakt deploy")
    assert "python -m klimapakt deploy site --identity" in deploy_step["run"] and "--known-hosts" in deploy_step["run"]
    assert "StrictHostKeyChecking" not in (WORKFLOW_DIR / "deploy.yml").read_text(encoding="utf-8")
    assert (ROOT / "deploy/known_hosts").is_file()


def test_monitoring_workflow_keeps_one_issue_with_the_least_permissions():
    workflow = load_yaml(WORKFLOW_DIR / "monitoring.yml")
    on = triggers(workflow)
    assert set(on) == {"schedule", "workflow_dispatch"}
    (cron,) = [entry["cron"] for entry in on["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month, weekday) == ("1", "*", "*") and minute not in ("0", "00"), cron  # monthly, off the hour
    assert workflow["concurrency"] == {"group": "monitoring", "cancel-in-progress": False}
    (job_id, job), = workflow["jobs"].items()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    runs = {step["name"]: step.get("run", "") for step in job["steps"]}
    names = [step["name"] for step in job["steps"]]
    # The report in its own step before the link check, which may fail or time out without losing it.
    report, links = runs["Monitoring-Bericht erstellen"], runs["Links prüfen"]
    assert "python -m klimapakt monitoring --format md" in report and "links" not in report
    assert '--details-url "$RUN_URL"' in report and "--format xlsx" in report and "--format csv" in report
    assert "python -m klimapakt links --format md > links.md" in links
    assert "$GITHUB_STEP_SUMMARY" in report and "$GITHUB_STEP_SUMMARY" in links
    link_step = job["steps"][names.index("Links prüfen")]
    assert link_step["continue-on-error"] is True and link_step["timeout-minutes"] < job["timeout-minutes"]
    assert names.index("Monitoring-Bericht erstellen") < names.index("Vollständige Liste hochladen") < names.index(
        "Links prüfen") < names.index("Issue-Text zusammenstellen")
    upload = job["steps"][names.index("Vollständige Liste hochladen")]
    assert upload["with"]["name"] == "monitoring" and upload["with"]["path"].split() == [
        "monitoring.xlsx", "monitoring.csv"]
    compose = runs["Issue-Text zusammenstellen"]
    assert "--append links.md --output issue.md" in compose
    assert job["steps"][names.index("Issue-Text zusammenstellen")]["env"]["RUN_URL"] == (
        "${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}")
    update = next(step for step in job["steps"] if "gh issue" in step.get("run", ""))
    assert update["env"]["TITLE"] == "Monitoring Klimapakt" and update["env"]["GH_TOKEN"] == "${{ github.token }}"
    script = update["run"]
    assert script.count("gh issue create") == 1 and script.count("gh issue edit") == 1
    assert script.count("--body-file issue.md") == 2
    assert "--state all" in script and "select(.title == env.TITLE)" in script  # found again even when closed
    # Only this step sees the token, and no expression is expanded into a script (template injection).
    assert [step["name"] for step in job["steps"] if "GH_TOKEN" in (step.get("env") or {})] == [update["name"]]
    assert all("${{" not in step.get("run", "") for step in job["steps"])
    assert installed_requirements("\n".join(runs.values())) == ["requirements/office.txt"]
    assert "pip install --no-deps -e ." in runs["Install dependencies"]


def test_import_workflow_runs_the_base_branchs_tool_on_same_repository_branches_and_never_pushes_to_main():
    workflow = load_yaml(WORKFLOW_DIR / "import.yml")
    assert workflow["name"] == "Tabelle übernehmen"
    assert triggers(workflow) == {"pull_request": {"paths": ["import/**"]}}
    (job_id, job), = workflow["jobs"].items()
    assert job["if"] == ("github.event.pull_request.head.repo.full_name == github.repository && "
                         "github.event.pull_request.head.ref != github.event.repository.default_branch")
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "actions": "write"}
    names = [step["name"] for step in job["steps"]]
    by_name = {step["name"]: step for step in job["steps"]}
    tool, work = (by_name["Checkout (Werkzeug aus dem Basiszweig)"]["with"], by_name["Checkout (Zweig mit der Tabelle)"]["with"])
    assert (tool["ref"], tool["path"]) == ("${{ github.event.pull_request.base.sha }}", "tool")  # trusted code
    assert (work["ref"], work["path"]) == ("${{ github.event.pull_request.head.sha }}", "work")  # the branch's data
    runs = {name: step.get("run", "") for name, step in by_name.items()}
    assert "pip install --no-deps -e tool" in runs["Install dependencies"]
    assert installed_requirements(runs["Install dependencies"]) == ["tool/requirements/office.txt"]
    assert runs["Tabelle übernehmen"].splitlines()[0] == (
        'python -m klimapakt import-upload --repo work --summary summary.md --github-output "$GITHUB_OUTPUT"')
    push = by_name["Commit in den Zweig übertragen"]
    assert push["if"] == "steps.import.outputs.committed == 'true'" and push["working-directory"] == "work"
    assert push["env"]["HEAD_REF"] == "${{ github.event.pull_request.head.ref }}"
    assert '"$HEAD_REF" = "$DEFAULT_BRANCH"' in push["run"] and '"$HEAD_REF" = main' in push["run"]
    assert 'push origin "HEAD:refs/heads/$HEAD_REF"' in push["run"] and "--force" not in push["run"]
    assert runs["Prüfung „Pull Request“ für den neuen Stand starten"] == 'gh workflow run pr.yml --ref "$HEAD_REF"'
    comment = by_name["Zusammenfassung als Kommentar"]
    assert comment["if"] == "always() && hashFiles('summary.md') != ''"
    assert comment["run"] == 'gh pr comment "$PR" --body-file summary.md'
    # The token only where it is needed; no expression expanded into a script.
    assert [name for name in names if "GH_TOKEN" in (by_name[name].get("env") or {})] == [
        "Commit in den Zweig übertragen", "Prüfung „Pull Request“ für den neuen Stand starten",
        "Zusammenfassung als Kommentar"]
    assert all("${{" not in step.get("run", "") for step in job["steps"])
    # A sheet still in import/ turns the pull request's check red, so it cannot reach main.
    check_runs = job_runs(load_yaml(WORKFLOW_DIR / "pr.yml"), "check")
    assert "python -m klimapakt import-upload --check-pending" in check_runs
    # The uploaded sheet is never published: import/ lies outside the docs folder the site is built from.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert not (ROOT / config.get("docs_dir", "docs") / "import").exists()
    assert (ROOT / "import").resolve().parent == ROOT
    # The staff guide explains it step by step, in words for each screen.
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = " ".join(guide.split("\n## Tabelle übernehmen\n", 1)[1].split("\n## ", 1)[0].split())
    for words in ("Add file", "Upload files", "Create a new branch for this commit and start a pull request",
                  "Propose changes", "Create pull request", "Files changed", "nie in `main`", "nicht veröffentlicht"):
        assert words in section, words
    assert "(#tabelle-übernehmen)" in guide


def test_editor_workflow_normalises_with_the_base_branchs_tool_only_on_the_editors_branches():
    workflow = load_yaml(WORKFLOW_DIR / "editor.yml")
    assert set(triggers(workflow)) == {"pull_request"}
    (job_id, job), = workflow["jobs"].items()
    assert job["if"] == ("github.event.pull_request.head.repo.full_name == github.repository && "
                         "startsWith(github.event.pull_request.head.ref, 'cms/')")
    assert job["permissions"] == {"contents": "write", "actions": "write"}
    by_name = {step["name"]: step for step in job["steps"]}
    tool = by_name["Checkout (Werkzeug und Vergleichsstand aus dem Basiszweig)"]["with"]
    assert (tool["ref"], tool["path"]) == ("${{ github.event.pull_request.base.sha }}", "tool")
    assert installed_requirements(by_name["Install dependencies"]["run"]) == ["tool/requirements/office.txt"]
    assert "python -m klimapakt normalize-editor --base ../tool" in by_name["Register in die gewohnte Form bringen"]["run"]
    push = by_name["Commit in den Zweig übertragen"]
    assert "cms/*) ;;" in push["run"] and '"$HEAD_REF" = main' in push["run"] and "--force" not in push["run"]
    assert [name for name, step in by_name.items() if "GH_TOKEN" in (step.get("env") or {})] == [
        "Commit in den Zweig übertragen", "Prüfung „Pull Request“ für den neuen Stand starten"]
    assert all("${{" not in step.get("run", "") for step in job["steps"])
    # The site's build finds the editor's pinned npm package (klimapakt/mkdocs/admin.py).
    deploy_runs = job_runs(load_yaml(WORKFLOW_DIR / "deploy.yml"), "build")
    assert "npm ci --omit=dev --no-audit --no-fund --ignore-scripts" in deploy_runs


INSTALL_RE = re.compile(r"pip install\b[^\n]*")
REQUIREMENT_ARG_RE = re.compile(r"-r\s+(\S+)")


def installed_requirements(run: str) -> list[str]:
    """The requirement files that `pip install -r …` commands in a run script name."""
    return [name for line in INSTALL_RE.findall(run) for name in REQUIREMENT_ARG_RE.findall(line)]


def with_includes(name: str) -> set[str]:
    """A requirements file and every file it includes with `-r`, as paths from the repository root."""
    path = ROOT / name
    found = {name}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^-r\s+(\S+)", line.strip())
        if match:
            found |= with_includes((path.parent / match[1]).resolve().relative_to(ROOT).as_posix())
    return found


def checked_out_includes(name: str, job: dict) -> set[str]:
    """`with_includes` for a requirement file of a checkout into a folder (`path: tool`), with that folder."""
    folders = {(s.get("with") or {}).get("path") for s in job["steps"]
               if str(s.get("uses", "")).startswith("actions/checkout@")} - {None}
    folder = next((f for f in folders if name.startswith(f"{f}/")), None)
    if folder is None:
        return with_includes(name)
    return {f"{folder}/{found}" for found in with_includes(name.removeprefix(f"{folder}/"))}


def test_setup_python_uses_python_311_with_pip_cache():
    for path in WORKFLOWS:
        for job_id, job in load_yaml(path)["jobs"].items():
            for step in job.get("steps") or []:
                if not str(step.get("uses", "")).startswith("actions/setup-python@"):
                    continue
                params = step.get("with") or {}
                assert params.get("python-version") == "3.11", (path.name, job_id, params)
                assert params.get("cache") == "pip", (path.name, job_id, params)
                # The cache key covers exactly the files this job installs (with their includes),
                # so jobs that install different sets keep different caches.
                cached = set(str(params.get("cache-dependency-path", "")).split())
                runs = "\n".join(s.get("run", "") for s in job["steps"])
                installed = set().union(*(checked_out_includes(name, job) for name in installed_requirements(runs)))
                assert installed and cached == installed, (path.name, job_id, sorted(cached), sorted(installed))


# --- dependabot, pre-commit ---------------------------------------------------------


def test_dependabot_covers_actions_pip_and_npm_weekly_grouped():
    config = load_yaml(DEPENDABOT)
    assert config["version"] == 2
    updates = {entry["package-ecosystem"]: entry for entry in config["updates"]}
    assert set(updates) == {"github-actions", "pip", "npm"}  # npm: the editor's bundle and the test tools
    for ecosystem, entry in updates.items():
        assert entry["directory"] == "/", ecosystem
        assert entry["schedule"]["interval"] == "weekly", ecosystem
        assert entry.get("groups"), f"{ecosystem}: updates are not grouped"


def test_pre_commit_runs_the_registry_check():
    config = load_yaml(PRE_COMMIT)
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    hook = next(h for h in hooks if "klimapakt check" in h["entry"])
    assert hook["entry"] == "python -m klimapakt check"  # partners.yml and events.yml
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    for path in ("partners.yml", "events.yml", "docs/assets/partners/muster-gmbh.svg"):
        assert pattern.search(path), path
    for path in ("docs/index.md", "mkdocs.yml", "old-partners.yml"):
        assert not pattern.search(path), path


# --- (d) issue form ↔ klimapakt.model ---------------------------------------------------

STATUS_OPTION_RE = re.compile(r"^(?P<label>.+) \((?P<value>[a-z-]+)\)$")
SIZE_OPTION_RE = STATUS_OPTION_RE
SECTOR_OPTION_RE = re.compile(r"^(?P<value>[A-Z]) – (?P<label>.+)$")
DISTRICT_OPTION_RE = re.compile(r"^Stadtbezirk (?P<value>\d+) – (?P<areas>.+)$")


@pytest.fixture(scope="module")
def form() -> dict:
    return load_yaml(ISSUE_FORM)


@pytest.fixture(scope="module")
def model():
    from klimapakt import model

    return model


def element(form: dict, element_id: str) -> dict:
    matches = [el for el in form["body"] if el.get("id") == element_id]
    assert len(matches) == 1, f"issue form: expected one element with id {element_id!r}, found {len(matches)}"
    return matches[0]


def options(form: dict, element_id: str, pattern: re.Pattern) -> list[re.Match]:
    el = element(form, element_id)
    assert el["type"] == "dropdown", el
    parsed = []
    for option in el["attributes"]["options"]:
        match = pattern.match(option)
        assert match, f"issue form `{element_id}`: option {option!r} does not have the form {pattern.pattern}"
        parsed.append(match)
    return parsed


def test_issue_form_metadata(form):
    assert form["name"] == "Neuen Klimapartner melden"
    assert "neuer-partner" in form["labels"]
    ids = [el["id"] for el in form["body"] if "id" in el]
    assert len(ids) == len(set(ids)), ids
    labels = [el["attributes"]["label"] for el in form["body"] if el["type"] != "markdown"]
    assert len(labels) == len(set(labels)), labels


def test_issue_form_fields_are_registry_keys(form, model):
    partner_keys = {f.key for f in model.fields_of(model.Partner)}
    contact_keys = {f"contact_{f.key}" for f in model.fields_of(model.Contact)}
    ids = {el["id"] for el in form["body"] if el["type"] != "markdown"}
    unknown = ids - partner_keys - contact_keys - {"consent"}
    assert not unknown, f"issue form fields that are no registry key: {sorted(unknown)}"
    expected = {"name", "status", "joined", "sector", "size", "district", "website", "description", "logo"}
    assert expected | contact_keys <= ids, sorted(expected | contact_keys - ids)
    for required in ("name", "status"):
        assert element(form, required).get("validations", {}).get("required") is True, required


def test_issue_form_status_values(form, model):
    values = [m["value"] for m in options(form, "status", STATUS_OPTION_RE)]
    assert set(values) <= set(model.STATUSES), values
    # A newly reported partner has signed either the letter of intent or the agreement.
    assert values == ["letter-of-intent", "partner"]


def test_issue_form_size_values(form, model):
    parsed = options(form, "size", SIZE_OPTION_RE)
    assert [m["value"] for m in parsed] == list(model.SIZES)
    for m in parsed:
        assert m["label"] == model.SIZES[m["value"]], m.group(0)


def test_issue_form_sector_values(form, model):
    parsed = options(form, "sector", SECTOR_OPTION_RE)
    assert [m["value"] for m in parsed] == list(model.SECTORS)
    for m in parsed:
        assert m["label"] == model.SECTORS[m["value"]], m.group(0)


def test_issue_form_district_values(form, model):
    parsed = options(form, "district", DISTRICT_OPTION_RE)
    assert [int(m["value"]) for m in parsed] == list(model.DISTRICTS)


def test_issue_form_requires_publication_consent(form):
    consent = element(form, "consent")
    assert consent["type"] == "checkboxes"
    assert any(opt.get("required") is True for opt in consent["attributes"]["options"])


# --- make serve -------------------------------------------------------------------------


def test_make_serve_reloads_on_data_templates_overrides_and_code():
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    dry = subprocess.run([make, "-n", "serve"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    (line,) = [ln for ln in dry.stdout.splitlines() if "mkdocs serve" in ln]
    watched = re.findall(r"-w (\S+)", line)
    assert {"partners.yml", "events.yml", "kennzahlen.yml", "overrides", "klimapakt"} <= set(watched)
    assert all((ROOT / path).exists() for path in watched), watched
    # Python keeps imported code: a change to the package's code restarts the server.
    assert "watchmedo auto-restart --directory klimapakt --recursive --patterns '**/*.py'" in line
