#!/usr/bin/env bash
# Put the last site the Publish workflow uploaded for GitHub Pages into DEST (default: site),
# so that `make takedown` can take photos out of it when a build fails.
# Needs GH_TOKEN (the workflow's token, with `actions: read`) and GITHUB_REPOSITORY.
set -euo pipefail
dest="${1:-site}"
work="$(mktemp -d)"
id="$(gh api "repos/${GITHUB_REPOSITORY}/actions/artifacts?name=github-pages&per_page=100" \
  --jq '[.artifacts[] | select(.expired | not)] | sort_by(.created_at) | last | .id // empty')"
if [ -z "$id" ]; then
  echo "::error::No earlier deployed site was found (no unexpired github-pages artifact): nothing could be taken down, and the live site is unchanged. Fix the build and publish again now."
  exit 1
fi
gh api "repos/${GITHUB_REPOSITORY}/actions/artifacts/${id}/zip" > "$work/pages.zip"
python3 -m zipfile -e "$work/pages.zip" "$work/pages"
rm -rf "$dest"
mkdir -p "$dest"
tar -xf "$work/pages/artifact.tar" -C "$dest"
echo "Fetched the last deployed site (artifact ${id}) into ${dest}/"
