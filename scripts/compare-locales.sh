#!/bin/sh
# The French and English texts, each against the other, with Mozilla's
# compare-locales (pip install compare-locales): fails on any error, missing
# or obsolete string.
set -e
cd "$(dirname "$0")"
command -v compare-locales >/dev/null || { echo "compare-locales is not installed: pip install --user compare-locales" >&2; exit 2; }
status=0
for lang in fr en; do
    compare-locales "l10n-$lang.toml" .. "$lang" | tee /tmp/compare-locales-$$.txt
    if grep -Eq '^(errors|missing|obsolete|warnings) ' /tmp/compare-locales-$$.txt; then
        status=1
    fi
done
rm -f /tmp/compare-locales-$$.txt
exit $status
