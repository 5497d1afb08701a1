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
    '') _storctl_w='account alert api auth backend backup capabilities catalog cloud-backup cluster completion container credential endpoint flavor host identity info license limits node object pool profile project quota region replica role rpc sandbox snapshot syslog target task tenant volume watch' ;;
    'account') _storctl_w='set show' ;;
    'alert') _storctl_w='list' ;;
    'auth') _storctl_w='login logout status token' ;;
    'backend') _storctl_w='add list remove show update' ;;
    'backup') _storctl_w='create delete list restore show' ;;
    'catalog') _storctl_w='list show' ;;
    'cloud-backup') _storctl_w='create delete list restore status' ;;
    'cluster') _storctl_w='show' ;;
    'container') _storctl_w='create delete list set show' ;;
    'credential') _storctl_w='create delete list show validate' ;;
    'endpoint') _storctl_w='list' ;;
    'flavor') _storctl_w='list show' ;;
    'host') _storctl_w='list remove show' ;;
    'identity') _storctl_w='capabilities version' ;;
    'license') _storctl_w='set show' ;;
    'limits') _storctl_w='show' ;;
    'node') _storctl_w='list show' ;;
    'object') _storctl_w='copy delete download list set show tempurl upload' ;;
    'pool') _storctl_w='list show' ;;
    'profile') _storctl_w='add explain list remove set show use' ;;
    'project') _storctl_w='list show' ;;
    'quota') _storctl_w='set show' ;;
    'region') _storctl_w='list' ;;
    'replica') _storctl_w='add delete list migrate' ;;
    'role') _storctl_w='list show' ;;
    'sandbox') _storctl_w='demo start status stop' ;;
    'snapshot') _storctl_w='create delete list restore schedule set show' ;;
    'snapshot schedule') _storctl_w='list remove set' ;;
    'syslog') _storctl_w='set show' ;;
    'target') _storctl_w='list' ;;
    'task') _storctl_w='list remove show' ;;
    'tenant') _storctl_w='create delete list show update' ;;
    'volume') _storctl_w='attach clone create delete detach extend list migrate mount publish retype service set show stats type unmount unpublish update' ;;
    'volume service') _storctl_w='list' ;;
    'volume type') _storctl_w='create delete list show' ;;
    'watch') _storctl_w='volumes' ;;
    *) return 1 ;;
  esac
}

# Options of the command $1 (besides the global ones), in _storctl_w.
_storctl_options() {
  case "$1" in
    'account set') _storctl_w='-m --meta --remove-meta --temp-url-key --temp-url-key-2 --quota-bytes' ;;
    'alert list') _storctl_w='--since --until --resource-type --resource-id --alert-type --severity --cleared --active --long' ;;
    'api') _storctl_w='--service -d --data -H --header -i --include' ;;
    'auth logout') _storctl_w='--revoke --all' ;;
    'backend add') _storctl_w='--rack --zone --host-id --mgmt-port --wait' ;;
    'backend list') _storctl_w='--state --long' ;;
    'backend update') _storctl_w='--rack --zone' ;;
    'backup create') _storctl_w='--name --description --container --snapshot --incremental --force --property --wait --long' ;;
    'backup delete') _storctl_w='--force --wait' ;;
    'backup list') _storctl_w='--all-projects --volume --status --name --limit --long' ;;
    'backup restore') _storctl_w='--name --wait' ;;
    'backup show') _storctl_w='--long' ;;
    'capabilities') _storctl_w='--section' ;;
    'cloud-backup create') _storctl_w='--credential -l --label --full --wait' ;;
    'cloud-backup delete') _storctl_w='--credential' ;;
    'cloud-backup list') _storctl_w='--volume --volume-id --credential --status --metadata --all-clusters --long' ;;
    'cloud-backup restore') _storctl_w='--name --credential -l --label --wait' ;;
    'cloud-backup status') _storctl_w='--volume --task --long' ;;
    'container create') _storctl_w='--read-acl --write-acl --public -m --meta --versions-location --history-location --storage-policy' ;;
    'container delete') _storctl_w='-r --recursive --leave-segments --concurrency' ;;
    'container list') _storctl_w='--prefix --limit --marker --end-marker --long' ;;
    'container set') _storctl_w='--read-acl --write-acl --public --private -m --meta --remove-meta --versions-location --history-location --quota-bytes --quota-count --temp-url-key' ;;
    'credential create') _storctl_w='--provider --bucket --access-key --secret-key --s3-endpoint --s3-region --disable-ssl --disable-path-style --azure-account-name --azure-account-key --google-project-id --google-json-key --nfs-server --nfs-sub-path --encryption-key --use-proxy' ;;
    'credential list') _storctl_w='--long' ;;
    'endpoint list') _storctl_w='--service --interface' ;;
    'flavor list') _storctl_w='--all --private --limit --long' ;;
    'flavor show') _storctl_w='--long' ;;
    'host list') _storctl_w='--name --long' ;;
    'license set') _storctl_w='--file' ;;
    'node list') _storctl_w='--long' ;;
    'node show') _storctl_w='--usage --long' ;;
    'object copy') _storctl_w='-m --meta --fresh-metadata --content-type' ;;
    'object delete') _storctl_w='--prefix --all --leave-segments --concurrency --long' ;;
    'object download') _storctl_w='--file -D --dir --prefix --concurrency --no-resume --long' ;;
    'object list') _storctl_w='--prefix --delimiter --limit --marker --end-marker --long' ;;
    'object set') _storctl_w='-m --meta --remove-meta --clear-meta --content-type -H --header --delete-after --delete-at --remove-delete-at' ;;
    'object tempurl') _storctl_w='--method --expires --expires-at --key --digest --prefix --filename --inline' ;;
    'object upload') _storctl_w='--name -S --segment-size --segment-threshold --segment-container --dlo --concurrency --skip-identical --leave-segments -m --meta --content-type --delete-after --delete-at --long' ;;
    'pool list') _storctl_w='--long' ;;
    'pool show') _storctl_w='--long' ;;
    'profile add') _storctl_w='--backend --use --from-env' ;;
    'profile set') _storctl_w='--unset --password --password-stdin --token-stdin' ;;
    'project list') _storctl_w='--long' ;;
    'project show') _storctl_w='--long' ;;
    'quota set') _storctl_w='--volumes --snapshots --gigabytes --backups --backup-gigabytes --per-volume-gigabytes --groups --volume-type' ;;
    'quota show') _storctl_w='--default' ;;
    'replica add') _storctl_w='--rack --zone --same-rack-allowed --tenant --wait --long' ;;
    'replica delete') _storctl_w='--purge --tenant --wait' ;;
    'replica list') _storctl_w='--tenant --long' ;;
    'replica migrate') _storctl_w='--replica --to --tenant --wait --long' ;;
    'rpc') _storctl_w='-d --data -n --count' ;;
    'snapshot create') _storctl_w='--volume --reserved-space --id --tenant --wait --long --name --description --property --force -l --label' ;;
    'snapshot delete') _storctl_w='--tenant --wait --force' ;;
    'snapshot list') _storctl_w='--volume --name --tenant --long --all-projects --status --limit -l --label' ;;
    'snapshot schedule list') _storctl_w='--volume' ;;
    'snapshot schedule remove') _storctl_w='--volume' ;;
    'snapshot schedule set') _storctl_w='--periodic --daily --weekly --monthly --retain --volume' ;;
    'snapshot set') _storctl_w='--name --description --property --clear-properties --long' ;;
    'snapshot show') _storctl_w='--tenant --long' ;;
    'syslog set') _storctl_w='--url --tls --cert-file --long' ;;
    'syslog show') _storctl_w='--long' ;;
    'target list') _storctl_w='--host --volume --tenant --long' ;;
    'task list') _storctl_w='--host --running --long' ;;
    'task show') _storctl_w='--wait' ;;
    'tenant create') _storctl_w='--capacity --iops --bandwidth --id' ;;
    'tenant update') _storctl_w='--capacity --iops --bandwidth --name' ;;
    'volume clone') _storctl_w='--size --reserved-space --id --tenant --wait --long -l --label' ;;
    'volume create') _storctl_w='--size --snapshot --source --read-only --thin --reserved-space --replicas --rack --zone --same-rack-allowed --allow-span --block-size --max-iops-per-gb --desired-iops-per-gb --max-bw-per-gb --desired-bw-per-gb --max-replica-down-time --host-id --storage-class-name --id --tenant --wait --long --type --availability-zone --description --property --image --bootable --ha-level --replica-node -l --label --shared --sharedv4 --io-profile --fs --cos --owner' ;;
    'volume delete') _storctl_w='--tenant --wait --force --cascade' ;;
    'volume detach') _storctl_w='--unmount --force' ;;
    'volume extend') _storctl_w='--tenant --wait --long' ;;
    'volume list') _storctl_w='--name --tenant --long --all-projects --status --limit -l --label --owner --all' ;;
    'volume migrate') _storctl_w='--replica --to --tenant --wait --long' ;;
    'volume publish') _storctl_w='--host --tenant --long' ;;
    'volume retype') _storctl_w='--migration-policy --wait --long' ;;
    'volume service list') _storctl_w='--host --service --long' ;;
    'volume set') _storctl_w='--name --description --property --unset-property --clear-properties --bootable --non-bootable --read-only --read-write --long' ;;
    'volume show') _storctl_w='--tenant --long' ;;
    'volume type create') _storctl_w='--description --property --private --public --long' ;;
    'volume type list') _storctl_w='--all --long' ;;
    'volume type show') _storctl_w='--long' ;;
    'volume unpublish') _storctl_w='--host --tenant' ;;
    'volume update') _storctl_w='-s --size --replicas --ha-level -l --label --shared --io-profile --cos --owner' ;;
    'watch volumes') _storctl_w='-l --label -n --count --long' ;;
    *) _storctl_w='' ;;
  esac
}

# Succeeds when the words ($1) name a command rather than a topic.
_storctl_is_command() {
  case "$1" in
    'account set') return 0 ;;
    'account show') return 0 ;;
    'alert list') return 0 ;;
    'api') return 0 ;;
    'auth login') return 0 ;;
    'auth logout') return 0 ;;
    'auth status') return 0 ;;
    'auth token') return 0 ;;
    'backend add') return 0 ;;
    'backend list') return 0 ;;
    'backend remove') return 0 ;;
    'backend show') return 0 ;;
    'backend update') return 0 ;;
    'backup create') return 0 ;;
    'backup delete') return 0 ;;
    'backup list') return 0 ;;
    'backup restore') return 0 ;;
    'backup show') return 0 ;;
    'capabilities') return 0 ;;
    'catalog list') return 0 ;;
    'catalog show') return 0 ;;
    'cloud-backup create') return 0 ;;
    'cloud-backup delete') return 0 ;;
    'cloud-backup list') return 0 ;;
    'cloud-backup restore') return 0 ;;
    'cloud-backup status') return 0 ;;
    'cluster show') return 0 ;;
    'completion') return 0 ;;
    'container create') return 0 ;;
    'container delete') return 0 ;;
    'container list') return 0 ;;
    'container set') return 0 ;;
    'container show') return 0 ;;
    'credential create') return 0 ;;
    'credential delete') return 0 ;;
    'credential list') return 0 ;;
    'credential show') return 0 ;;
    'credential validate') return 0 ;;
    'endpoint list') return 0 ;;
    'flavor list') return 0 ;;
    'flavor show') return 0 ;;
    'host list') return 0 ;;
    'host remove') return 0 ;;
    'host show') return 0 ;;
    'identity capabilities') return 0 ;;
    'identity version') return 0 ;;
    'info') return 0 ;;
    'license set') return 0 ;;
    'license show') return 0 ;;
    'limits show') return 0 ;;
    'node list') return 0 ;;
    'node show') return 0 ;;
    'object copy') return 0 ;;
    'object delete') return 0 ;;
    'object download') return 0 ;;
    'object list') return 0 ;;
    'object set') return 0 ;;
    'object show') return 0 ;;
    'object tempurl') return 0 ;;
    'object upload') return 0 ;;
    'pool list') return 0 ;;
    'pool show') return 0 ;;
    'profile add') return 0 ;;
    'profile explain') return 0 ;;
    'profile list') return 0 ;;
    'profile remove') return 0 ;;
    'profile set') return 0 ;;
    'profile show') return 0 ;;
    'profile use') return 0 ;;
    'project list') return 0 ;;
    'project show') return 0 ;;
    'quota set') return 0 ;;
    'quota show') return 0 ;;
    'region list') return 0 ;;
    'replica add') return 0 ;;
    'replica delete') return 0 ;;
    'replica list') return 0 ;;
    'replica migrate') return 0 ;;
    'role list') return 0 ;;
    'role show') return 0 ;;
    'rpc') return 0 ;;
    'sandbox demo') return 0 ;;
    'sandbox start') return 0 ;;
    'sandbox status') return 0 ;;
    'sandbox stop') return 0 ;;
    'snapshot create') return 0 ;;
    'snapshot delete') return 0 ;;
    'snapshot list') return 0 ;;
    'snapshot restore') return 0 ;;
    'snapshot schedule list') return 0 ;;
    'snapshot schedule remove') return 0 ;;
    'snapshot schedule set') return 0 ;;
    'snapshot set') return 0 ;;
    'snapshot show') return 0 ;;
    'syslog set') return 0 ;;
    'syslog show') return 0 ;;
    'target list') return 0 ;;
    'task list') return 0 ;;
    'task remove') return 0 ;;
    'task show') return 0 ;;
    'tenant create') return 0 ;;
    'tenant delete') return 0 ;;
    'tenant list') return 0 ;;
    'tenant show') return 0 ;;
    'tenant update') return 0 ;;
    'volume attach') return 0 ;;
    'volume clone') return 0 ;;
    'volume create') return 0 ;;
    'volume delete') return 0 ;;
    'volume detach') return 0 ;;
    'volume extend') return 0 ;;
    'volume list') return 0 ;;
    'volume migrate') return 0 ;;
    'volume mount') return 0 ;;
    'volume publish') return 0 ;;
    'volume retype') return 0 ;;
    'volume service list') return 0 ;;
    'volume set') return 0 ;;
    'volume show') return 0 ;;
    'volume stats') return 0 ;;
    'volume type create') return 0 ;;
    'volume type delete') return 0 ;;
    'volume type list') return 0 ;;
    'volume type show') return 0 ;;
    'volume unmount') return 0 ;;
    'volume unpublish') return 0 ;;
    'volume update') return 0 ;;
    'watch volumes') return 0 ;;
  esac
  return 1
}

# Succeeds when option $2 takes a value after the words $1.
_storctl_takes_value() {
  case "$1" in
    'account set')
      case "$2" in
        '-m'|'--meta'|'--remove-meta'|'--temp-url-key'|'--temp-url-key-2'|'--quota-bytes') return 0 ;;
      esac ;;
    'alert list')
      case "$2" in
        '--since'|'--until'|'--resource-type'|'--resource-id'|'--alert-type'|'--severity') return 0 ;;
        '--cleared'|'--active'|'--long') return 1 ;;
      esac ;;
    'api')
      case "$2" in
        '--service'|'-d'|'--data'|'-H'|'--header') return 0 ;;
        '-i'|'--include') return 1 ;;
      esac ;;
    'auth logout')
      case "$2" in
        '--revoke'|'--all') return 1 ;;
      esac ;;
    'backend add')
      case "$2" in
        '--rack'|'--zone'|'--host-id'|'--mgmt-port') return 0 ;;
        '--wait') return 1 ;;
      esac ;;
    'backend list')
      case "$2" in
        '--state') return 0 ;;
        '--long') return 1 ;;
      esac ;;
    'backend update')
      case "$2" in
        '--rack'|'--zone') return 0 ;;
      esac ;;
    'backup create')
      case "$2" in
        '--name'|'--description'|'--container'|'--snapshot'|'--property') return 0 ;;
        '--incremental'|'--force'|'--wait'|'--long') return 1 ;;
      esac ;;
    'backup delete')
      case "$2" in
        '--force'|'--wait') return 1 ;;
      esac ;;
    'backup list')
      case "$2" in
        '--volume'|'--status'|'--name'|'--limit') return 0 ;;
        '--all-projects'|'--all-tenants'|'--long') return 1 ;;
      esac ;;
    'backup restore')
      case "$2" in
        '--name') return 0 ;;
        '--wait') return 1 ;;
      esac ;;
    'backup show')
      case "$2" in
        '--long') return 1 ;;
      esac ;;
    'capabilities')
      case "$2" in
        '--section') return 0 ;;
      esac ;;
    'cloud-backup create')
      case "$2" in
        '--credential'|'-l'|'--label') return 0 ;;
        '--full'|'--wait') return 1 ;;
      esac ;;
    'cloud-backup delete')
      case "$2" in
        '--credential') return 0 ;;
      esac ;;
    'cloud-backup list')
      case "$2" in
        '--volume'|'--volume-id'|'--credential'|'--status'|'--metadata') return 0 ;;
        '--all-clusters'|'--long') return 1 ;;
      esac ;;
    'cloud-backup restore')
      case "$2" in
        '--name'|'--credential'|'-l'|'--label') return 0 ;;
        '--wait') return 1 ;;
      esac ;;
    'cloud-backup status')
      case "$2" in
        '--volume'|'--task') return 0 ;;
        '--long') return 1 ;;
      esac ;;
    'container create')
      case "$2" in
        '--read-acl'|'--write-acl'|'-m'|'--meta'|'--versions-location'|'--history-location'|'--storage-policy') return 0 ;;
        '--public') return 1 ;;
      esac ;;
    'container delete')
      case "$2" in
        '--concurrency') return 0 ;;
        '-r'|'--recursive'|'--leave-segments') return 1 ;;
      esac ;;
    'container list')
      case "$2" in
        '--prefix'|'--limit'|'--marker'|'--end-marker') return 0 ;;
        '--long') return 1 ;;
      esac ;;
    'container set')
      case "$2" in
        '--read-acl'|'--write-acl'|'-m'|'--meta'|'--remove-meta'|'--versions-location'|'--history-location'|'--quota-bytes'|'--quota-count'|'--temp-url-key') return 0 ;;
        '--public'|'--private') return 1 ;;
      esac ;;
    'credential create')
      case "$2" in
        '--provider'|'--bucket'|'--access-key'|'--secret-key'|'--s3-endpoint'|'--s3-region'|'--azure-account-name'|'--azure-account-key'|'--google-project-id'|'--google-json-key'|'--nfs-server'|'--nfs-sub-path'|'--encryption-key') return 0 ;;
        '--disable-ssl'|'--disable-path-style'|'--use-proxy') return 1 ;;
      esac ;;
    'credential list')
      case "$2" in
        '--long') return 1 ;;
      esac ;;
    'endpoint list')
      case "$2" in
        '--service'|'--interface') return 0 ;;
      esac ;;
    'flavor list')
      case "$2" in
        '--limit') return 0 ;;
        '--all'|'--private'|'--long') return 1 ;;
      esac ;;
    'flavor show')
      case "$2" in
        '--long') return 1 ;;
      esac ;;
    'host list')
      case "$2" in
        '--name') return 0 ;;
        '--long') return 1 ;;
      esac ;;
    'license set')
      case "$2" in
        '--file') return 0 ;;
      esac ;;
    'node list')
      case "$2" in
        '--long') return 1 ;;
      esac ;;
    'node show')
      case "$2" in
        '--usage'|'--long') return 1 ;;
      esac ;;
    'object copy')
      case "$2" in
        '-m'|'--meta'|'--content-type') return 0 ;;
        '--fresh-metadata') return 1 ;;
      esac ;;
    'object delete')
      case "$2" in
        '--prefix'|'--concurrency') return 0 ;;
        '--all'|'--leave-segments'|'--long') return 1 ;;
      esac ;;
    'object download')
      case "$2" in
        '--file'|'-D'|'--dir'|'--prefix'|'--concurrency') return 0 ;;
        '--no-resume'|'--long') return 1 ;;
      esac ;;
    'object list')
      case "$2" in
        '--prefix'|'--delimiter'|'--limit'|'--marker'|'--end-marker') return 0 ;;
        '--long') return 1 ;;
      esac ;;
    'object set')
      case "$2" in
        '-m'|'--meta'|'--remove-meta'|'--content-type'|'-H'|'--header'|'--delete-after'|'--delete-at') return 0 ;;
        '--clear-meta'|'--remove-delete-at') return 1 ;;
      esac ;;
    'object tempurl')
      case "$2" in
        '--method'|'--expires'|'--expires-at'|'--key'|'--digest'|'--filename') return 0 ;;
        '--prefix'|'--inline') return 1 ;;
      esac ;;
    'object upload')
      case "$2" in
        '--name'|'-S'|'--segment-size'|'--segment-threshold'|'--segment-container'|'--concurrency'|'-m'|'--meta'|'--content-type'|'--delete-after'|'--delete-at') return 0 ;;
        '--dlo'|'--skip-identical'|'--leave-segments'|'--long') return 1 ;;
      esac ;;
    'pool list')
      case "$2" in
        '--long') return 1 ;;
      esac ;;
    'pool show')
      case "$2" in
        '--long') return 1 ;;
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
    'project list')
      case "$2" in
        '--long') return 1 ;;
      esac ;;
    'project show')
      case "$2" in
        '--long') return 1 ;;
      esac ;;
    'quota set')
      case "$2" in
        '--volumes'|'--snapshots'|'--gigabytes'|'--backups'|'--backup-gigabytes'|'--per-volume-gigabytes'|'--groups'|'--volume-type') return 0 ;;
      esac ;;
    'quota show')
      case "$2" in
        '--default') return 1 ;;
      esac ;;
    'replica add')
      case "$2" in
        '--rack'|'--zone'|'--tenant') return 0 ;;
        '--same-rack-allowed'|'--wait'|'--long') return 1 ;;
      esac ;;
    'replica delete')
      case "$2" in
        '--tenant') return 0 ;;
        '--purge'|'--wait') return 1 ;;
      esac ;;
    'replica list')
      case "$2" in
        '--tenant') return 0 ;;
        '--long') return 1 ;;
      esac ;;
    'replica migrate')
      case "$2" in
        '--replica'|'--to'|'--tenant') return 0 ;;
        '--wait'|'--long') return 1 ;;
      esac ;;
    'rpc')
      case "$2" in
        '-d'|'--data'|'-n'|'--count') return 0 ;;
      esac ;;
    'snapshot create')
      case "$2" in
        '--volume'|'--reserved-space'|'--id'|'--tenant'|'--name'|'--description'|'--property'|'-l'|'--label') return 0 ;;
        '--wait'|'--long'|'--force') return 1 ;;
      esac ;;
    'snapshot delete')
      case "$2" in
        '--tenant') return 0 ;;
        '--wait'|'--force') return 1 ;;
      esac ;;
    'snapshot list')
      case "$2" in
        '--volume'|'--name'|'--tenant'|'--status'|'--limit'|'-l'|'--label') return 0 ;;
        '--long'|'--all-projects'|'--all-tenants') return 1 ;;
      esac ;;
    'snapshot schedule list')
      case "$2" in
        '--volume') return 0 ;;
      esac ;;
    'snapshot schedule remove')
      case "$2" in
        '--volume') return 0 ;;
      esac ;;
    'snapshot schedule set')
      case "$2" in
        '--periodic'|'--daily'|'--weekly'|'--monthly'|'--retain'|'--volume') return 0 ;;
      esac ;;
    'snapshot set')
      case "$2" in
        '--name'|'--description'|'--property') return 0 ;;
        '--clear-properties'|'--long') return 1 ;;
      esac ;;
    'snapshot show')
      case "$2" in
        '--tenant') return 0 ;;
        '--long') return 1 ;;
      esac ;;
    'syslog set')
      case "$2" in
        '--url'|'--cert-file') return 0 ;;
        '--tls'|'--long') return 1 ;;
      esac ;;
    'syslog show')
      case "$2" in
        '--long') return 1 ;;
      esac ;;
    'target list')
      case "$2" in
        '--host'|'--volume'|'--tenant') return 0 ;;
        '--long') return 1 ;;
      esac ;;
    'task list')
      case "$2" in
        '--host') return 0 ;;
        '--running'|'--long') return 1 ;;
      esac ;;
    'task show')
      case "$2" in
        '--wait') return 1 ;;
      esac ;;
    'tenant create')
      case "$2" in
        '--capacity'|'--iops'|'--bandwidth'|'--id') return 0 ;;
      esac ;;
    'tenant update')
      case "$2" in
        '--capacity'|'--iops'|'--bandwidth'|'--name') return 0 ;;
      esac ;;
    'volume clone')
      case "$2" in
        '--size'|'--reserved-space'|'--id'|'--tenant'|'-l'|'--label') return 0 ;;
        '--wait'|'--long') return 1 ;;
      esac ;;
    'volume create')
      case "$2" in
        '--size'|'--snapshot'|'--from-snapshot'|'--source'|'--reserved-space'|'--replicas'|'--rack'|'--zone'|'--block-size'|'--max-iops-per-gb'|'--desired-iops-per-gb'|'--max-bw-per-gb'|'--desired-bw-per-gb'|'--max-replica-down-time'|'--host-id'|'--storage-class-name'|'--id'|'--tenant'|'--type'|'--availability-zone'|'--description'|'--property'|'--image'|'--ha-level'|'--repl'|'--replica-node'|'-l'|'--label'|'--io-profile'|'--fs'|'--cos'|'--owner') return 0 ;;
        '--read-only'|'--thin'|'--same-rack-allowed'|'--allow-span'|'--wait'|'--long'|'--bootable'|'--shared'|'--sharedv4') return 1 ;;
      esac ;;
    'volume delete')
      case "$2" in
        '--tenant') return 0 ;;
        '--wait'|'--force'|'--cascade') return 1 ;;
      esac ;;
    'volume detach')
      case "$2" in
        '--unmount'|'--force') return 1 ;;
      esac ;;
    'volume extend')
      case "$2" in
        '--tenant') return 0 ;;
        '--wait'|'--long') return 1 ;;
      esac ;;
    'volume list')
      case "$2" in
        '--name'|'--tenant'|'--status'|'--limit'|'-l'|'--label'|'--owner') return 0 ;;
        '--long'|'--all-projects'|'--all-tenants'|'--all'|'--snapshots') return 1 ;;
      esac ;;
    'volume migrate')
      case "$2" in
        '--replica'|'--to'|'--tenant') return 0 ;;
        '--wait'|'--long') return 1 ;;
      esac ;;
    'volume publish')
      case "$2" in
        '--host'|'--tenant') return 0 ;;
        '--long') return 1 ;;
      esac ;;
    'volume retype')
      case "$2" in
        '--migration-policy') return 0 ;;
        '--wait'|'--long') return 1 ;;
      esac ;;
    'volume service list')
      case "$2" in
        '--host'|'--service') return 0 ;;
        '--long') return 1 ;;
      esac ;;
    'volume set')
      case "$2" in
        '--name'|'--description'|'--property'|'--unset-property') return 0 ;;
        '--clear-properties'|'--bootable'|'--non-bootable'|'--read-only'|'--read-write'|'--long') return 1 ;;
      esac ;;
    'volume show')
      case "$2" in
        '--tenant') return 0 ;;
        '--long') return 1 ;;
      esac ;;
    'volume type create')
      case "$2" in
        '--description'|'--property') return 0 ;;
        '--private'|'--public'|'--long') return 1 ;;
      esac ;;
    'volume type list')
      case "$2" in
        '--all'|'--long') return 1 ;;
      esac ;;
    'volume type show')
      case "$2" in
        '--long') return 1 ;;
      esac ;;
    'volume unpublish')
      case "$2" in
        '--host'|'--tenant') return 0 ;;
      esac ;;
    'volume update')
      case "$2" in
        '-s'|'--size'|'--replicas'|'--ha-level'|'--repl'|'-l'|'--label'|'--shared'|'--io-profile'|'--cos'|'--owner') return 0 ;;
      esac ;;
    'watch volumes')
      case "$2" in
        '-l'|'--label'|'-n'|'--count') return 0 ;;
        '--long') return 1 ;;
      esac ;;
  esac
  case "$2" in
    '-p'|'--profile'|'--os-cloud'|'-o'|'--output'|'--format'|'-f'|'-c'|'--column'|'--sort'|'--trace-file'|'--timeout'|'--connect-timeout'|'--retry-budget'|'--wait-timeout'|'--cacert'|'--os-region'|'--os-region-name'|'--region'|'--endpoint'|'--transport'|'--os-volume-api-version') return 0 ;;
  esac
  return 1
}

# What the value of option $2 after the words $1 completes to: sets _storctl_kind
# (words, file or profile) and _storctl_w.
_storctl_option_values() {
  case "$1" in
    'account set')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='account storage_url containers objects bytes quota_bytes temp_url_key_set metadata policies created'; return 0 ;;
      esac ;;
    'account show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='account storage_url containers objects bytes quota_bytes temp_url_key_set metadata policies created'; return 0 ;;
      esac ;;
    'alert list')
      case "$2" in
        '--resource-type') _storctl_kind=words; _storctl_w='volume node cluster drive pool none'; return 0 ;;
        '--severity') _storctl_kind=words; _storctl_w='alarm warning notify'; return 0 ;;
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id timestamp severity resource resource_id message cleared count alert_type first_seen'; return 0 ;;
      esac ;;
    'auth login')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='profile backend auth_type auth_url user user_id user_domain project project_id project_domain domain_scope system_scope roles issued_at expires_at expired storage_url cached checked'; return 0 ;;
      esac ;;
    'auth logout')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='profile dropped revoked'; return 0 ;;
      esac ;;
    'auth status')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='profile backend auth_type auth_url user user_id user_domain project project_id project_domain domain_scope system_scope roles issued_at expires_at expired storage_url token_cached token_store secret_store credentials'; return 0 ;;
      esac ;;
    'auth token')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='token expires_at auth_type storage_url project_id'; return 0 ;;
      esac ;;
    'backend add')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='persistentID mgmtIPs state inUse rack zone region totalCapacity availableCapacity portals totalIOPS availableIOPS lastProbTime hostId'; return 0 ;;
      esac ;;
    'backend list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='persistentID mgmtIPs state inUse rack zone region totalCapacity availableCapacity portals totalIOPS availableIOPS lastProbTime hostId'; return 0 ;;
      esac ;;
    'backend show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='persistentID mgmtIPs state inUse rack zone region totalCapacity availableCapacity portals totalIOPS availableIOPS lastProbTime hostId'; return 0 ;;
      esac ;;
    'backend update')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='persistentID mgmtIPs state inUse rack zone region totalCapacity availableCapacity portals totalIOPS availableIOPS lastProbTime hostId'; return 0 ;;
      esac ;;
    'backup create')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name description status size volume_id availability_zone container is_incremental fail_reason created_at'; return 0 ;;
      esac ;;
    'backup list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name description status size volume_id availability_zone container is_incremental fail_reason created_at'; return 0 ;;
      esac ;;
    'backup restore')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='backup_id volume_id volume_name'; return 0 ;;
      esac ;;
    'backup show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name description status size volume_id availability_zone container is_incremental fail_reason created_at'; return 0 ;;
      esac ;;
    'catalog list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name type endpoints'; return 0 ;;
      esac ;;
    'catalog show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name type endpoints'; return 0 ;;
      esac ;;
    'cloud-backup create')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='task_id optype status src_volume_id bytes_done bytes_total backup_id start_time completed_time eta_seconds'; return 0 ;;
      esac ;;
    'cloud-backup delete')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name result'; return 0 ;;
      esac ;;
    'cloud-backup list')
      case "$2" in
        '--status') _storctl_kind=words; _storctl_w='notstarted done aborted paused stopped active failed queued invalid'; return 0 ;;
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id src_volume_name timestamp status src_volume_id metadata'; return 0 ;;
      esac ;;
    'cloud-backup restore')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='restore_volume_id task_id optype status src_volume_id bytes_done bytes_total backup_id start_time completed_time eta_seconds'; return 0 ;;
      esac ;;
    'cloud-backup status')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='task_id optype status src_volume_id bytes_done bytes_total backup_id start_time completed_time eta_seconds'; return 0 ;;
      esac ;;
    'cluster show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name status'; return 0 ;;
      esac ;;
    'container create')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name status'; return 0 ;;
      esac ;;
    'container delete')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name status objects_deleted'; return 0 ;;
      esac ;;
    'container list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name count bytes last_modified'; return 0 ;;
      esac ;;
    'container set')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name count bytes read_acl write_acl public versions_location history_location storage_policy quota_bytes quota_count temp_url_key_set metadata created last_modified'; return 0 ;;
      esac ;;
    'container show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name count bytes read_acl write_acl public versions_location history_location storage_policy quota_bytes quota_count temp_url_key_set metadata created last_modified'; return 0 ;;
      esac ;;
    'credential create')
      case "$2" in
        '--provider') _storctl_kind=words; _storctl_w='s3 azure google nfs'; return 0 ;;
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='credential_id name type bucket endpoint region owner'; return 0 ;;
      esac ;;
    'credential delete')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name result'; return 0 ;;
      esac ;;
    'credential list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='credential_id name type bucket endpoint region owner'; return 0 ;;
      esac ;;
    'credential show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='credential_id name type bucket endpoint region owner'; return 0 ;;
      esac ;;
    'credential validate')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='credential_id name valid'; return 0 ;;
      esac ;;
    'endpoint list')
      case "$2" in
        '--interface') _storctl_kind=words; _storctl_w='public internal admin'; return 0 ;;
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id region service_name service_type enabled interface url'; return 0 ;;
      esac ;;
    'flavor list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name ram disk OS-FLV-EXT-DATA:ephemeral swap vcpus rxtx_factor os-flavor-access:is_public OS-FLV-DISABLED:disabled description'; return 0 ;;
      esac ;;
    'flavor show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name ram disk OS-FLV-EXT-DATA:ephemeral swap vcpus rxtx_factor os-flavor-access:is_public OS-FLV-DISABLED:disabled description'; return 0 ;;
      esac ;;
    'host list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid name nqn state lastProbeTime clientType version duration'; return 0 ;;
      esac ;;
    'host show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid name nqn state lastProbeTime clientType version duration'; return 0 ;;
      esac ;;
    'identity capabilities')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='service'; return 0 ;;
      esac ;;
    'identity version')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='sdk_version version details'; return 0 ;;
      esac ;;
    'info')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='version authenticationMode totalFreeSpace syslogsBackend'; return 0 ;;
      esac ;;
    'license set')
      case "$2" in
        '--file') _storctl_kind=file; return 0 ;;
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='type expirationDate maxBackends'; return 0 ;;
      esac ;;
    'license show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='type expirationDate maxBackends'; return 0 ;;
      esac ;;
    'limits show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name value'; return 0 ;;
      esac ;;
    'node list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id hostname status mgmt_ip data_ip cpu cpu_cores mem_used mem_total mem_free pools scheduler_node_name security_status'; return 0 ;;
      esac ;;
    'node show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id hostname status mgmt_ip data_ip cpu cpu_cores mem_used mem_total mem_free pools scheduler_node_name security_status'; return 0 ;;
      esac ;;
    'object copy')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='container name bytes content_type hash etag last_modified large_object manifest metadata delete_at headers'; return 0 ;;
      esac ;;
    'object delete')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name status segments container'; return 0 ;;
      esac ;;
    'object download')
      case "$2" in
        '--file') _storctl_kind=file; return 0 ;;
        '-D'|'--dir') _storctl_kind=file; return 0 ;;
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name path bytes status verified etag'; return 0 ;;
      esac ;;
    'object list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name bytes hash content_type last_modified'; return 0 ;;
      esac ;;
    'object set')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='container name bytes content_type hash etag last_modified large_object manifest metadata delete_at headers'; return 0 ;;
      esac ;;
    'object show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='container name bytes content_type hash etag last_modified large_object manifest metadata delete_at headers'; return 0 ;;
      esac ;;
    'object tempurl')
      case "$2" in
        '--method') _storctl_kind=words; _storctl_w='GET HEAD PUT POST DELETE'; return 0 ;;
        '--digest') _storctl_kind=words; _storctl_w='sha1 sha256 sha512'; return 0 ;;
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='url method expires_at path'; return 0 ;;
      esac ;;
    'object upload')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name bytes status etag segments content_type source'; return 0 ;;
      esac ;;
    'pool list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid node_id ID Medium Cos TotalSize Used RaidLevel labels last_operation'; return 0 ;;
      esac ;;
    'pool show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid node_id ID Medium Cos TotalSize Used RaidLevel labels last_operation'; return 0 ;;
      esac ;;
    'profile add')
      case "$2" in
        '--backend') _storctl_kind=words; _storctl_w='openstack swift openstorage kumoscale'; return 0 ;;
      esac ;;
    'profile explain')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='setting value source ignored'; return 0 ;;
      esac ;;
    'profile list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='current name backend auth_type endpoint'; return 0 ;;
      esac ;;
    'project list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name domain_id description enabled'; return 0 ;;
      esac ;;
    'project show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name domain_id description enabled'; return 0 ;;
      esac ;;
    'quota set')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='resource limit in_use reserved'; return 0 ;;
      esac ;;
    'quota show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='resource limit in_use reserved'; return 0 ;;
      esac ;;
    'region list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id parent_region_id description'; return 0 ;;
      esac ;;
    'replica add')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid backend replicaState currentStateTime migratingTo'; return 0 ;;
      esac ;;
    'replica list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid backend replicaState currentStateTime migratingTo'; return 0 ;;
      esac ;;
    'replica migrate')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid backend replicaState currentStateTime migratingTo'; return 0 ;;
      esac ;;
    'role list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name rules'; return 0 ;;
      esac ;;
    'role show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name rules'; return 0 ;;
      esac ;;
    'sandbox start')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name description'; return 0 ;;
      esac ;;
    'sandbox status')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='service address'; return 0 ;;
      esac ;;
    'snapshot create')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='snapshotID alias volumeID capacity timestamp reservedSpace id name description status size volume_id metadata os-extended-snapshot-attributes:project_id created_at volume ctime labels'; return 0 ;;
      esac ;;
    'snapshot delete')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name result'; return 0 ;;
      esac ;;
    'snapshot list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='snapshotID alias volumeID capacity timestamp reservedSpace id name description status size volume_id metadata os-extended-snapshot-attributes:project_id created_at volume ctime labels'; return 0 ;;
      esac ;;
    'snapshot restore')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name size ha_level status state attached_on device_path attach_path shared io_profile owner labels parent ctime'; return 0 ;;
      esac ;;
    'snapshot schedule list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name schedules'; return 0 ;;
      esac ;;
    'snapshot schedule remove')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name result'; return 0 ;;
      esac ;;
    'snapshot schedule set')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name schedules'; return 0 ;;
      esac ;;
    'snapshot set')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name description status size volume_id metadata os-extended-snapshot-attributes:project_id created_at'; return 0 ;;
      esac ;;
    'snapshot show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='snapshotID alias volumeID capacity timestamp reservedSpace id name description status size volume_id metadata os-extended-snapshot-attributes:project_id created_at'; return 0 ;;
      esac ;;
    'syslog set')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name url state useTls certFileName'; return 0 ;;
      esac ;;
    'syslog show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='name url state useTls certFileName'; return 0 ;;
      esac ;;
    'target list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='targetName backend numNamespaces alias'; return 0 ;;
      esac ;;
    'task list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='taskId type state taskStatus progress statusDescription hostId taskConfiguration'; return 0 ;;
      esac ;;
    'task show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='taskId type state taskStatus progress statusDescription hostId taskConfiguration'; return 0 ;;
      esac ;;
    'tenant create')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='tenantId name capacity consumedCapacity totalIOPS totalBW'; return 0 ;;
      esac ;;
    'tenant list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='tenantId name capacity consumedCapacity totalIOPS totalBW'; return 0 ;;
      esac ;;
    'tenant show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='tenantId name capacity consumedCapacity totalIOPS totalBW'; return 0 ;;
      esac ;;
    'tenant update')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='tenantId name capacity consumedCapacity totalIOPS totalBW'; return 0 ;;
      esac ;;
    'volume attach')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name size ha_level status state attached_on device_path attach_path shared io_profile owner labels parent ctime'; return 0 ;;
      esac ;;
    'volume clone')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid alias capacity numReplicas replicaState location provisioningType writable snapshotID maxIOPS blockSize id name size ha_level status state attached_on device_path attach_path shared io_profile owner labels parent ctime'; return 0 ;;
      esac ;;
    'volume create')
      case "$2" in
        '--io-profile') _storctl_kind=words; _storctl_w='sequential random db db_remote cms sync_shared auto none journal auto_journal'; return 0 ;;
        '--fs') _storctl_kind=words; _storctl_w='none btrfs ext4 fuse nfs vfs xfs zfs xfsv2'; return 0 ;;
        '--cos') _storctl_kind=words; _storctl_w='low medium high'; return 0 ;;
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid alias capacity numReplicas replicaState location provisioningType writable snapshotID maxIOPS blockSize id name status size attachments volume_type bootable availability_zone metadata os-vol-tenant-attr:tenant_id created_at ha_level state attached_on device_path attach_path shared io_profile owner labels parent ctime'; return 0 ;;
      esac ;;
    'volume delete')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name result'; return 0 ;;
      esac ;;
    'volume detach')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name size ha_level status state attached_on device_path attach_path shared io_profile owner labels parent ctime'; return 0 ;;
      esac ;;
    'volume extend')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid alias capacity numReplicas replicaState location provisioningType writable snapshotID maxIOPS blockSize id name status size attachments volume_type bootable availability_zone metadata os-vol-tenant-attr:tenant_id created_at'; return 0 ;;
      esac ;;
    'volume list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid alias capacity numReplicas replicaState location provisioningType writable snapshotID maxIOPS blockSize id name status size attachments volume_type bootable availability_zone metadata os-vol-tenant-attr:tenant_id created_at ha_level state attached_on device_path attach_path shared io_profile owner labels parent ctime'; return 0 ;;
      esac ;;
    'volume migrate')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid alias capacity numReplicas replicaState location provisioningType writable snapshotID maxIOPS blockSize'; return 0 ;;
      esac ;;
    'volume mount')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name size ha_level status state attached_on device_path attach_path shared io_profile owner labels parent ctime'; return 0 ;;
      esac ;;
    'volume publish')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='targetName backend numNamespaces alias'; return 0 ;;
      esac ;;
    'volume retype')
      case "$2" in
        '--migration-policy') _storctl_kind=words; _storctl_w='never on-demand'; return 0 ;;
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name status size attachments volume_type bootable availability_zone metadata os-vol-tenant-attr:tenant_id created_at'; return 0 ;;
      esac ;;
    'volume service list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='binary host zone status state updated_at disabled_reason backend_state'; return 0 ;;
      esac ;;
    'volume set')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name status size attachments volume_type bootable availability_zone metadata os-vol-tenant-attr:tenant_id created_at'; return 0 ;;
      esac ;;
    'volume show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='uuid alias capacity numReplicas replicaState provisioningType writable snapshotID maxIOPS blockSize location id name status size attachments volume_type bootable availability_zone metadata os-vol-tenant-attr:tenant_id created_at ha_level state attached_on device_path attach_path shared io_profile owner labels parent ctime'; return 0 ;;
      esac ;;
    'volume stats')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='reads read_bytes read_ms writes write_bytes write_ms bytes_used io_progress io_ms interval_ms'; return 0 ;;
      esac ;;
    'volume type create')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name is_public description extra_specs'; return 0 ;;
      esac ;;
    'volume type list')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name is_public description extra_specs'; return 0 ;;
      esac ;;
    'volume type show')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name is_public description extra_specs'; return 0 ;;
      esac ;;
    'volume unmount')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name size ha_level status state attached_on device_path attach_path shared io_profile owner labels parent ctime'; return 0 ;;
      esac ;;
    'volume update')
      case "$2" in
        '--shared') _storctl_kind=words; _storctl_w='true false'; return 0 ;;
        '--io-profile') _storctl_kind=words; _storctl_w='sequential random db db_remote cms sync_shared auto none journal auto_journal'; return 0 ;;
        '--cos') _storctl_kind=words; _storctl_w='low medium high'; return 0 ;;
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name size ha_level status state attached_on device_path attach_path shared io_profile owner labels parent ctime'; return 0 ;;
      esac ;;
    'watch volumes')
      case "$2" in
        '-c'|'--column'|'--sort') _storctl_kind=words; _storctl_w='id name size ha_level status state attached_on device_path attach_path shared io_profile owner labels parent ctime'; return 0 ;;
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
    'object upload')
      if (( $2 >= 1 )); then _storctl_kind=file
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
  local globals='-p --profile --os-cloud -o --output -c --column --sort --no-headers --csv-safe --debug --trace-file --timeout --connect-timeout --retry-budget --wait-timeout --insecure --cacert --os-region --endpoint --transport --os-volume-api-version --no-cache -y --yes --no-color -h --help'
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
