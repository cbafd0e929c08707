#!/usr/bin/env bash
# Restore a backup written by ops/backup.sh: checksums first, then the database, then media.
#
#   DATABASE_URL=postgres://user:pass@host:5432/name MEDIA_ROOT=/data/media \
#       ops/restore.sh [--yes] /backups/unionportal-20260101T020000Z
#
# Into an empty database it runs as is. A database that already has tables is only
# overwritten with --yes: the dump's tables are dropped and recreated from the backup, in
# one transaction (an error leaves the database as it was). Media files from the backup
# are written into MEDIA_ROOT over files of the same name; other files there are left.
# Stop the web and worker processes first, and start them again afterwards.
set -euo pipefail

usage() {
    echo "usage: DATABASE_URL=postgres://... MEDIA_ROOT=/path $0 [--yes] BACKUP_DIR" >&2
    exit 2
}
YES=0
BACKUP=""
for arg in "$@"; do
    case "$arg" in
        --yes) YES=1 ;;
        -*) usage ;;
        *) [ -z "$BACKUP" ] || usage; BACKUP=$arg ;;
    esac
done
[ -n "$BACKUP" ] || usage
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ops/pg_env.sh
. "$HERE/pg_env.sh"
: "${MEDIA_ROOT:?set MEDIA_ROOT (the absolute path of uploaded and generated files)}"

# 1. The backup is complete and unchanged.
[ -d "$BACKUP" ] || { echo "no backup folder $BACKUP" >&2; exit 1; }
[ ! -e "$BACKUP/INCOMPLETE" ] || { echo "$BACKUP is an interrupted backup" >&2; exit 1; }
for part in SHA256SUMS database.dump media.tar.gz; do
    [ -f "$BACKUP/$part" ] || { echo "$BACKUP has no $part" >&2; exit 1; }
done
if ! (cd "$BACKUP" && sha256sum --check --strict --quiet SHA256SUMS); then
    echo "checksums do not match: $BACKUP was changed or damaged; nothing restored" >&2
    exit 1
fi
echo "checksums verified"

# 2. Never overwrite a database that has data without being told so.
tables=$(psql -X -At -v ON_ERROR_STOP=1 -c \
    "SELECT count(*) FROM pg_catalog.pg_tables
     WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
if [ "$tables" -gt 0 ] && [ "$YES" -ne 1 ]; then
    echo "database $PGDATABASE is not empty ($tables tables): refusing to restore into it." >&2
    echo "Restore into a new, empty database, or pass --yes to replace its contents." >&2
    exit 3
fi

# 3. The database, in one transaction.
pg_restore --dbname="$PGDATABASE" --clean --if-exists --no-owner --no-privileges \
    --single-transaction --exit-on-error "$BACKUP/database.dump"
echo "database $PGDATABASE restored"

# 4. The media files.
mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file="$BACKUP/media.tar.gz" --directory="$MEDIA_ROOT" \
    --no-same-owner
echo "media restored into $MEDIA_ROOT"
