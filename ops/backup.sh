#!/usr/bin/env bash
# Back up UnionPortal: the PostgreSQL database (pg_dump custom format) and MEDIA_ROOT (tar),
# into a new timestamped folder under TARGET_DIR, with a SHA256SUMS file for both.
#
#   DATABASE_URL=postgres://user:pass@host:5432/name MEDIA_ROOT=/data/media \
#       ops/backup.sh /backups
#
# Prints the folder it wrote. The keys (SECRET_KEY, PERSONAL_DATA_KEY) are NOT in the
# backup: keep PERSONAL_DATA_KEY apart from it — without the key the members' ID numbers
# in the dump cannot be read, and with it, neither can be stolen together.
set -euo pipefail
umask 077  # the backup holds personal data: readable by its owner only

usage() { echo "usage: DATABASE_URL=postgres://... MEDIA_ROOT=/path $0 TARGET_DIR" >&2; exit 2; }
[ $# -eq 1 ] || usage
TARGET_DIR=$1
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ops/pg_env.sh
. "$HERE/pg_env.sh"   # DATABASE_URL -> PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE
: "${MEDIA_ROOT:?set MEDIA_ROOT (the absolute path of uploaded and generated files)}"
[ -d "$MEDIA_ROOT" ] || { echo "MEDIA_ROOT $MEDIA_ROOT is not a directory" >&2; exit 1; }

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
DEST="$TARGET_DIR/unionportal-$STAMP"
mkdir -p "$TARGET_DIR"
mkdir "$DEST"  # fails if it exists: never mix two backups
PARTIAL="$DEST/INCOMPLETE"
touch "$PARTIAL"

pg_dump --format=custom --no-owner --no-privileges --file="$DEST/database.dump"
tar --create --gzip --file="$DEST/media.tar.gz" --directory="$MEDIA_ROOT" .
(cd "$DEST" && sha256sum database.dump media.tar.gz > SHA256SUMS)
rm "$PARTIAL"

echo "$DEST"
