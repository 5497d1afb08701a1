# bash completion for storctl                              -*- shell-script -*-
# Generated from the command manifest of storctl 0.1.0; do not edit (npm run gen).
#
# Load it into the current shell:
#   source <(storctl completion bash)
# or in every new shell (the bash-completion package is not needed):
#   echo 'source <(storctl completion bash)' >> ~/.bashrc
# or, with bash-completion installed, let it load the script on demand:
#   storctl completion bash > ~/.local/share/bash-completion/completions/storctl

# Words that may follow the topic words $1 ("" = top level), in _storctl_w; fails
# when $1 is not a topic.
_storctl_children() {
  case "$1" in
    '') _storctl_w='api auth catalog completion profile sandbox volume' ;;
    'auth') _storctl_w='login logout status token' ;;
    'catalog') _storctl_w='list show' ;;
    'profile') _storctl_w='add explain list remove set show use' ;;
    'sandbox') _storctl_w='demo start status stop' ;;
    'volume') _storctl_w='create delete extend list retype set show' ;;
    *) return 1 ;;
  esac
}

# Options of the command $1 (besides the global ones), in _storctl_w.
_storctl_options() {
  case "$1" in
    'api') _storctl_w='--service -d --data -H --header -i --include' ;;
    'auth logout') _storctl_w='--revoke' ;;
    'profile add') _storctl_w='--backend --use --from-env' ;;
    'profile set') _storctl_w='--unset --password --password-stdin --token-stdin' ;;
    'volume create') _storctl_w='--size --type --availability-zone --description --property --snapshot --source --image --bootable --wait --long' ;;
    'volume delete') _storctl_w='--force --cascade --wait' ;;
    'volume extend') _storctl_w='--wait --long' ;;
    'volume list') _storctl_w='--all-projects --status --name --limit --long' ;;
    'volume retype') _storctl_w='--migration-policy --wait --long' ;;
    'volume set') _storctl_w='--name --description --property --unset-property --clear-properties --bootable --non-bootable --read-only --read-write --long' ;;
    'volume show') _storctl_w='--long' ;;
    *) _storctl_w='' ;;
  esac
}

# Succeeds when the words ($1) name a command rather than a topic.
_storctl_is_command() {
  case "$1" in
    'api') return 0 ;;
    'auth login') return 0 ;;
    'auth logout') return 0 ;;
    'auth status') return 0 ;;
    'auth token') return 0 ;;
    'catalog list') return 0 ;;
    'catalog show') return 0 ;;
    'completion') return 0 ;;
    'profile add') return 0 ;;
    'profile explain') return 0 ;;
    'profile list') return 0 ;;
    'profile remove') return 0 ;;
    'profile set') return 0 ;;
    'profile show') return 0 ;;
    'profile use') return 0 ;;
    'sandbox demo') return 0 ;;
    'sandbox start') return 0 ;;
    'sandbox status') return 0 ;;
    'sandbox stop') return 0 ;;
    'volume create') return 0 ;;
    'volume delete') return 0 ;;
    'volume extend') return 0 ;;
    'volume list') return 0 ;;
    'volume retype') return 0 ;;
    'volume set') return 0 ;;
    'volume show') return 0 ;;
  esac
  return 1
}

# Succeeds when option $2 takes a value after the words $1.
_storctl_takes_value() {
  case "$1" in
    'api')
      case "$2" in
        '--service'|'-d'|'--data'|'-H'|'--header') return 0 ;;
        '-i'|'--include') return 1 ;;
      esac ;;
    'auth logout')
      case "$2" in
        '--revoke') return 1 ;;
      esac ;;
    'profile add')
      case "$2" in
        '--backend') return 0 ;;
        '--use'|'--from-env') return 1 ;;
      esac ;;
    'profile set')
      case "$2" in
        '--unset') return 0 ;;
        '--password'|'--password-stdin'|'--token-stdin') return 1 ;;
      esac ;;
    'volume create')
      case "$2" in
        '--size'|'--type'|'--availability-zone'|'--description'|'--property'|'--snapshot'|'--source'|'--image') return 0 ;;
        '--bootable'|'--wait'|'--long') return 1 ;;
      esac ;;
    'volume delete')
      case "$2" in
        '--force'|'--cascade'|'--wait') return 1 ;;
      esac ;;
    'volume extend')
      case "$2" in
        '--wait'|'--long') return 1 ;;
      esac ;;
    'volume list')
      case "$2" in
        '--status'|'--name'|'--limit') return 0 ;;
        '--all-projects'|'--all-tenants'|'--long') return 1 ;;
      esac ;;
    'volume retype')
      case "$2" in
        '--migration-policy') return 0 ;;
        '--wait'|'--long') return 1 ;;
      esac ;;
    'volume set')
      case "$2" in
        '--name'|'--description'|'--property'|'--unset-property') return 0 ;;
        '--clear-properties'|'--bootable'|'--non-bootable'|'--read-only'|'--read-write'|'--long') return 1 ;;
      esac ;;
    'volume show')
      case "$2" in
        '--long') return 1 ;;
      esac ;;
  esac
  case "$2" in
    '-p'|'--profile'|'--os-cloud'|'-o'|'--output'|'--format'|'-f'|'-c'|'--column'|'--sort'|'--trace-file'|'--timeout'|'--cacert'|'--region'|'--os-region-name'|'--endpoint'|'--transport'|'--os-volume-api-version') return 0 ;;
  esac
  return 1
}

# What the value of option $2 after the words $1 completes to: sets _storctl_kind
# (words, file or profile) and _storctl_w.
_storctl_option_values() {
  case "$1" in
    'auth login')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='profile auth_type auth_url user project project_id roles expires_at storage_url'; return 0 ;;
      esac ;;
    'auth logout')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='profile dropped revoked'; return 0 ;;
      esac ;;
    'auth status')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='profile auth_type auth_url user project project_id roles expires_at storage_url token_cached token_store credentials'; return 0 ;;
      esac ;;
    'auth token')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='token expires_at auth_type storage_url project_id'; return 0 ;;
      esac ;;
    'catalog list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name type endpoints'; return 0 ;;
      esac ;;
    'catalog show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name type endpoints'; return 0 ;;
      esac ;;
    'profile add')
      case "$2" in
        '--backend') _storctl_kind=words; _storctl_w='openstack swift openstorage kumoscale'; return 0 ;;
      esac ;;
    'profile explain')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='setting value source'; return 0 ;;
      esac ;;
    'profile list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='current name backend auth_type endpoint'; return 0 ;;
      esac ;;
    'sandbox start')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name description'; return 0 ;;
      esac ;;
    'sandbox status')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='service address'; return 0 ;;
      esac ;;
    'volume create')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name status size attachments volume_type bootable availability_zone metadata os-vol-tenant-attr:tenant_id created_at'; return 0 ;;
      esac ;;
    'volume extend')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name status size attachments volume_type bootable availability_zone metadata os-vol-tenant-attr:tenant_id created_at'; return 0 ;;
      esac ;;
    'volume list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name status size attachments volume_type bootable availability_zone metadata os-vol-tenant-attr:tenant_id created_at'; return 0 ;;
      esac ;;
    'volume retype')
      case "$2" in
        '--migration-policy') _storctl_kind=words; _storctl_w='never on-demand'; return 0 ;;
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name status size attachments volume_type bootable availability_zone metadata os-vol-tenant-attr:tenant_id created_at'; return 0 ;;
      esac ;;
    'volume set')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name status size attachments volume_type bootable availability_zone metadata os-vol-tenant-attr:tenant_id created_at'; return 0 ;;
      esac ;;
    'volume show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name status size attachments volume_type bootable availability_zone metadata os-vol-tenant-attr:tenant_id created_at'; return 0 ;;
      esac ;;
  esac
  case "$2" in
    '-p'|'--profile') _storctl_kind=profile ;;
    '-o'|'--output'|'--format'|'-f') _storctl_kind=words; _storctl_w='table json yaml csv value ndjson' ;;
    '--trace-file') _storctl_kind=file ;;
    '--cacert') _storctl_kind=file ;;
    '--transport') _storctl_kind=words; _storctl_w='grpc rest' ;;
  esac
}

# What positional argument number $2 (from 0) of the command $1 completes to.
_storctl_arg_values() {
  case "$1" in
    'api')
      if (( $2 == 0 )); then _storctl_kind=words; _storctl_w='GET HEAD POST PUT PATCH DELETE COPY OPTIONS'
      fi ;;
    'completion')
      if (( $2 == 0 )); then _storctl_kind=words; _storctl_w='bash zsh fish'
      fi ;;
    'profile explain')
      if (( $2 == 0 )); then _storctl_kind=profile
      fi ;;
    'profile remove')
      if (( $2 == 0 )); then _storctl_kind=profile
      fi ;;
    'profile set')
      if (( $2 == 0 )); then _storctl_kind=profile
      fi ;;
    'profile show')
      if (( $2 == 0 )); then _storctl_kind=profile
      fi ;;
    'profile use')
      if (( $2 == 0 )); then _storctl_kind=profile
      fi ;;
  esac
}

# Adds the candidates described by _storctl_kind/_storctl_w that start with $cur to
# COMPREPLY, each prefixed with $1 (for --option=value words).
_storctl_reply() {
  local line list
  case "$_storctl_kind" in
    words) list=$(compgen -W "$_storctl_w" -- "$cur") ;;
    file)
      compopt -o filenames 2>/dev/null
      list=$(compgen -f -- "$cur") ;;
    profile) list=$(compgen -W "$(storctl profile list -o value -c name 2>/dev/null)" -- "$cur") ;;
    *) return 0 ;;
  esac
  while IFS= read -r line; do
    [[ -n $line ]] && COMPREPLY+=("$1$line")
  done <<<"$list"
}

_storctl() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="" cmdpath="" word opt="" prefix=""
  local -i i=1 npos=0 dashdash=0
  local _storctl_w="" _storctl_kind=""
  local globals='-p --profile --os-cloud -o --output -c --column --sort --no-headers --debug --trace-file --timeout --insecure --cacert --region --endpoint --transport --os-volume-api-version --no-cache -y --yes --no-color -h --help'
  COMPREPLY=()
  (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"
  # Walk the words before the cursor: options (and their values), topic and command
  # words, then positional arguments.
  while (( i < COMP_CWORD )); do
    word="${COMP_WORDS[i]}"
    if (( dashdash )); then
      (( npos += 1 ))
    elif [[ $word == -- ]]; then
      dashdash=1
    elif [[ $word == -?* ]]; then
      if [[ ${COMP_WORDS[i+1]-} == = ]]; then
        (( i += 2 ))  # --option = value (COMP_WORDBREAKS split it)
      elif [[ $word != *=* ]] && _storctl_takes_value "$cmdpath" "$word"; then
        (( i += 1 ))
      fi
    elif ! _storctl_is_command "$cmdpath" && _storctl_children "$cmdpath" && [[ " $_storctl_w " == *" $word "* ]]; then
      cmdpath="${cmdpath:+$cmdpath }$word"
    else
      (( npos += 1 ))
    fi
    (( i += 1 ))
  done
  # The value of an option?
  if (( ! dashdash )); then
    if [[ $cur == = && $prev == -?* ]]; then
      opt="$prev" cur=""
    elif [[ $prev == = ]] && (( COMP_CWORD >= 2 )) && [[ ${COMP_WORDS[COMP_CWORD-2]} == -?* ]]; then
      opt="${COMP_WORDS[COMP_CWORD-2]}"
    elif [[ $cur == -?*=* ]]; then
      opt="${cur%%=*}" prefix="${cur%%=*}=" cur="${cur#*=}"
    elif [[ $prev == -?* && $prev != *=* ]] && _storctl_takes_value "$cmdpath" "$prev"; then
      opt="$prev"
    fi
  fi
  if [[ -n $opt ]]; then
    _storctl_option_values "$cmdpath" "$opt"
    _storctl_reply "$prefix"
    return 0
  fi
  if [[ $cur == -* ]] && (( ! dashdash )); then
    _storctl_options "$cmdpath"
    _storctl_w="$_storctl_w $globals"
    [[ -z $cmdpath ]] && _storctl_w="$_storctl_w -V --version"
    _storctl_kind=words
  elif _storctl_is_command "$cmdpath"; then
    _storctl_arg_values "$cmdpath" "$npos"
  elif _storctl_children "$cmdpath"; then
    _storctl_kind=words
  fi
  _storctl_reply ""
  return 0
}

complete -F _storctl storctl
