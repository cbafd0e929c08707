# Sourced by backup.sh and restore.sh: split DATABASE_URL into libpq's PG* variables, so the
# password never appears on a command line (where `ps` would show it). Plain bash: the
# scripts also run in the postgres image, which has no Python.
: "${DATABASE_URL:?set DATABASE_URL (postgres://user:password@host:port/name)}"

_pg_decode() { local s=${1//\\/\\\\}; printf '%b' "${s//%/\\x}"; }

_pg_rest=${DATABASE_URL#*://}
case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "DATABASE_URL must be a postgres:// URL" >&2; exit 2 ;;
esac
_pg_query=""
case "$_pg_rest" in *\?*) _pg_query=${_pg_rest#*\?}; _pg_rest=${_pg_rest%%\?*} ;; esac
_pg_authority=${_pg_rest%%/*}
_pg_path=""
case "$_pg_rest" in */*) _pg_path=${_pg_rest#*/} ;; esac
_pg_userinfo=""
_pg_hostport=$_pg_authority
case "$_pg_authority" in *@*) _pg_userinfo=${_pg_authority%@*}; _pg_hostport=${_pg_authority##*@} ;; esac
_pg_port=""
case "$_pg_hostport" in
    \[*\]:*) _pg_host=${_pg_hostport%%]*}; _pg_host=${_pg_host#[}; _pg_port=${_pg_hostport##*]:} ;;
    \[*\]) _pg_host=${_pg_hostport#[}; _pg_host=${_pg_host%]} ;;
    *:*) _pg_host=${_pg_hostport%%:*}; _pg_port=${_pg_hostport#*:} ;;
    *) _pg_host=$_pg_hostport ;;
esac

export PGUSER PGPASSWORD PGHOST PGPORT PGDATABASE
PGUSER=$(_pg_decode "${_pg_userinfo%%:*}")
PGPASSWORD=""
case "$_pg_userinfo" in *:*) PGPASSWORD=$(_pg_decode "${_pg_userinfo#*:}") ;; esac
PGHOST=$(_pg_decode "$_pg_host")
PGPORT=${_pg_port:-5432}
PGDATABASE=$(_pg_decode "$_pg_path")
case "&$_pg_query&" in
    *"&sslmode="*) _pg_ssl=${_pg_query#*sslmode=}; export PGSSLMODE=${_pg_ssl%%&*} ;;
esac
[ -n "$PGUSER" ] || unset PGUSER
[ -n "$PGPASSWORD" ] || unset PGPASSWORD
[ -n "$PGHOST" ] || unset PGHOST
[ -n "$PGDATABASE" ] || { echo "DATABASE_URL names no database" >&2; exit 2; }
unset _pg_rest _pg_query _pg_authority _pg_path _pg_userinfo _pg_hostport _pg_host _pg_port _pg_ssl
