#!/usr/bin/env bash
# Fails when translations/*.ts are out of date with the GUI sources: runs lupdate over ui/ the way
# the build does (-no-obsolete -locations none) and checks that nothing in translations/ changed,
# and that no entry is left unfinished. Fix: run this script, translate any new entries (Qt
# Linguist, or edit the .ts), and commit translations/.
#   scripts/check-translations.sh          (CI)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

lupdate=${LUPDATE:-}
if [[ -z "$lupdate" ]]; then
    for candidate in /usr/lib/qt6/bin/lupdate "$(command -v lupdate6 || true)" \
        "$(command -v lupdate || true)"; do
        if [[ -n "$candidate" && -x "$candidate" ]]; then
            lupdate=$candidate
            break
        fi
    done
fi
if [[ -z "$lupdate" ]]; then
    echo "check-translations: lupdate not found (install qt6-l10n-tools or set LUPDATE)" >&2
    exit 2
fi

"$lupdate" -silent -no-obsolete -locations none ui -ts translations/videostreams_*.ts

status=0
if ! git diff --exit-code --stat -- translations/; then
    echo "check-translations: translations/ is out of date with the sources (diff above);" \
        "run scripts/check-translations.sh, translate the new entries and commit" >&2
    status=1
fi
if grep -l 'type="unfinished"' translations/*.ts; then
    echo "check-translations: the files above have unfinished entries" >&2
    status=1
fi
if [[ $status -eq 0 ]]; then
    echo "translations are up to date and complete ($(grep -c '<message' translations/videostreams_en.ts) messages)"
fi
exit $status
