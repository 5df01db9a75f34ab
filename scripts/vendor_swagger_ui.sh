#!/usr/bin/env bash
# Replace the vendored Swagger UI (glossary_api/web/pages/static/swagger-ui/) with swagger-ui-dist VERSION from npm.
# Only the files /docs needs, and the licence: the package's other builds and source maps stay out.
set -euo pipefail
version=${1:?usage: scripts/vendor_swagger_ui.sh VERSION (e.g. 5.35.0)}
target="$(cd "$(dirname "$0")/.." && pwd)/glossary_api/web/pages/static/swagger-ui"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "swagger-ui-dist@$version" >/dev/null && tar xzf swagger-ui-dist-*.tgz)
for file in swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE swagger-ui-bundle.js.LICENSE.txt; do
    cp "$work/package/$file" "$target/$file"
done
sed -i "s/swagger-ui-dist\` [0-9][0-9.]*,/swagger-ui-dist\` $version,/" "$target/README.md"
echo "swagger-ui-dist $version in $target"
