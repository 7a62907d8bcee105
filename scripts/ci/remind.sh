#!/usr/bin/env bash
# Keep one open issue, labelled permission-reminder, in step with `atlas reminders`
# (exit 0: something needs attention, body on stdout; exit 3: nothing does).
set -euo pipefail
LABEL=permission-reminder
TITLE="Photo permissions that need attention"

status=0
atlas reminders > reminder.md || status=$?
number=$(gh issue list --state open --label "$LABEL" --json number --jq '.[0].number // empty')
if [ "$status" -eq 0 ]; then
  if [ -n "$number" ]; then
    gh issue edit "$number" --body-file reminder.md
  else
    gh label create "$LABEL" --force --description "Daily list of photo permissions to look after" >/dev/null
    gh issue create --title "$TITLE" --label "$LABEL" --body-file reminder.md
  fi
elif [ "$status" -eq 3 ]; then
  if [ -n "$number" ]; then
    gh issue close "$number" --comment "Nothing needs attention any more ($(date -u +%F))."
  fi
else
  exit "$status"
fi
