# fish completion for storctl, generated from the command manifest of storctl 0.1.0;
# do not edit (npm run gen).
#
# Install it (fish loads it on first use):
#   storctl completion fish > ~/.config/fish/completions/storctl.fish
# or load it into the current shell:
#   storctl completion fish | source

# Words that may follow the topic words $argv[1] ("" = top level); fails when it is not a topic.
function __storctl_children --argument-names path
    switch "$path"
        case ''
            printf '%s\n' 'account' 'alert' 'api' 'auth' 'backend' 'backup' 'capabilities' 'catalog' 'cloud-backup' 'cluster' 'completion' 'container' 'credential' 'endpoint' 'flavor' 'host' 'identity' 'info' 'license' 'limits' 'node' 'object' 'pool' 'profile' 'project' 'quota' 'region' 'replica' 'role' 'rpc' 'sandbox' 'snapshot' 'syslog' 'target' 'task' 'tenant' 'volume' 'watch'
        case 'account'
            printf '%s\n' 'set' 'show'
        case 'alert'
            printf '%s\n' 'list'
        case 'auth'
            printf '%s\n' 'login' 'logout' 'status' 'token'
        case 'backend'
            printf '%s\n' 'add' 'list' 'remove' 'show' 'update'
        case 'backup'
            printf '%s\n' 'create' 'delete' 'list' 'restore' 'show'
        case 'catalog'
            printf '%s\n' 'list' 'show'
        case 'cloud-backup'
            printf '%s\n' 'create' 'delete' 'list' 'restore' 'status'
        case 'cluster'
            printf '%s\n' 'show'
        case 'container'
            printf '%s\n' 'create' 'delete' 'list' 'set' 'show'
        case 'credential'
            printf '%s\n' 'create' 'delete' 'list' 'show' 'validate'
        case 'endpoint'
            printf '%s\n' 'list'
        case 'flavor'
            printf '%s\n' 'list' 'show'
        case 'host'
            printf '%s\n' 'list' 'remove' 'show'
        case 'identity'
            printf '%s\n' 'capabilities' 'version'
        case 'license'
            printf '%s\n' 'set' 'show'
        case 'limits'
            printf '%s\n' 'show'
        case 'node'
            printf '%s\n' 'list' 'show'
        case 'object'
            printf '%s\n' 'copy' 'delete' 'download' 'list' 'set' 'show' 'tempurl' 'upload'
        case 'pool'
            printf '%s\n' 'list' 'show'
        case 'profile'
            printf '%s\n' 'add' 'explain' 'list' 'remove' 'set' 'show' 'use'
        case 'project'
            printf '%s\n' 'list' 'show'
        case 'quota'
            printf '%s\n' 'set' 'show'
        case 'region'
            printf '%s\n' 'list'
        case 'replica'
            printf '%s\n' 'add' 'delete' 'list' 'migrate'
        case 'role'
            printf '%s\n' 'list' 'show'
        case 'sandbox'
            printf '%s\n' 'demo' 'start' 'status' 'stop'
        case 'snapshot'
            printf '%s\n' 'create' 'delete' 'list' 'restore' 'schedule' 'set' 'show'
        case 'snapshot schedule'
            printf '%s\n' 'list' 'remove' 'set'
        case 'syslog'
            printf '%s\n' 'set' 'show'
        case 'target'
            printf '%s\n' 'list'
        case 'task'
            printf '%s\n' 'list' 'remove' 'show'
        case 'tenant'
            printf '%s\n' 'create' 'delete' 'list' 'show' 'update'
        case 'volume'
            printf '%s\n' 'attach' 'clone' 'create' 'delete' 'detach' 'extend' 'list' 'migrate' 'mount' 'publish' 'retype' 'service' 'set' 'show' 'stats' 'type' 'unmount' 'unpublish' 'update'
        case 'volume service'
            printf '%s\n' 'list'
        case 'volume type'
            printf '%s\n' 'create' 'delete' 'list' 'show'
        case 'watch'
            printf '%s\n' 'volumes'
        case '*'
            return 1
    end
end

function __storctl_is_command --argument-names path
    switch "$path"
        case 'account set' 'account show' 'alert list' 'api' 'auth login' 'auth logout'
            return 0
        case 'auth status' 'auth token' 'backend add' 'backend list' 'backend remove' 'backend show'
            return 0
        case 'backend update' 'backup create' 'backup delete' 'backup list' 'backup restore' 'backup show'
            return 0
        case 'capabilities' 'catalog list' 'catalog show' 'cloud-backup create' 'cloud-backup delete' 'cloud-backup list'
            return 0
        case 'cloud-backup restore' 'cloud-backup status' 'cluster show' 'completion' 'container create' 'container delete'
            return 0
        case 'container list' 'container set' 'container show' 'credential create' 'credential delete' 'credential list'
            return 0
        case 'credential show' 'credential validate' 'endpoint list' 'flavor list' 'flavor show' 'host list'
            return 0
        case 'host remove' 'host show' 'identity capabilities' 'identity version' 'info' 'license set'
            return 0
        case 'license show' 'limits show' 'node list' 'node show' 'object copy' 'object delete'
            return 0
        case 'object download' 'object list' 'object set' 'object show' 'object tempurl' 'object upload'
            return 0
        case 'pool list' 'pool show' 'profile add' 'profile explain' 'profile list' 'profile remove'
            return 0
        case 'profile set' 'profile show' 'profile use' 'project list' 'project show' 'quota set'
            return 0
        case 'quota show' 'region list' 'replica add' 'replica delete' 'replica list' 'replica migrate'
            return 0
        case 'role list' 'role show' 'rpc' 'sandbox demo' 'sandbox start' 'sandbox status'
            return 0
        case 'sandbox stop' 'snapshot create' 'snapshot delete' 'snapshot list' 'snapshot restore' 'snapshot schedule list'
            return 0
        case 'snapshot schedule remove' 'snapshot schedule set' 'snapshot set' 'snapshot show' 'syslog set' 'syslog show'
            return 0
        case 'target list' 'task list' 'task remove' 'task show' 'tenant create' 'tenant delete'
            return 0
        case 'tenant list' 'tenant show' 'tenant update' 'volume attach' 'volume clone' 'volume create'
            return 0
        case 'volume delete' 'volume detach' 'volume extend' 'volume list' 'volume migrate' 'volume mount'
            return 0
        case 'volume publish' 'volume retype' 'volume service list' 'volume set' 'volume show' 'volume stats'
            return 0
        case 'volume type create' 'volume type delete' 'volume type list' 'volume type show' 'volume unmount' 'volume unpublish'
            return 0
        case 'volume update' 'watch volumes'
            return 0
    end
    return 1
end

# Succeeds when option $argv[2] takes a value after the words $argv[1].
function __storctl_takes_value --argument-names path opt
    switch "$path"
        case 'account set'
            contains -- $opt -m --meta --remove-meta --temp-url-key --temp-url-key-2 --quota-bytes; and return 0
        case 'alert list'
            contains -- $opt --since --until --resource-type --resource-id --alert-type --severity; and return 0
            contains -- $opt --cleared --active --long; and return 1
        case 'api'
            contains -- $opt --service -d --data -H --header; and return 0
            contains -- $opt -i --include; and return 1
        case 'auth logout'
            contains -- $opt --revoke --all; and return 1
        case 'backend add'
            contains -- $opt --rack --zone --host-id --mgmt-port; and return 0
            contains -- $opt --wait; and return 1
        case 'backend list'
            contains -- $opt --state; and return 0
            contains -- $opt --long; and return 1
        case 'backend update'
            contains -- $opt --rack --zone; and return 0
        case 'backup create'
            contains -- $opt --name --description --container --snapshot --property; and return 0
            contains -- $opt --incremental --force --wait --long; and return 1
        case 'backup delete'
            contains -- $opt --force --wait; and return 1
        case 'backup list'
            contains -- $opt --volume --status --name --limit; and return 0
            contains -- $opt --all-projects --all-tenants --long; and return 1
        case 'backup restore'
            contains -- $opt --name; and return 0
            contains -- $opt --wait; and return 1
        case 'backup show'
            contains -- $opt --long; and return 1
        case 'capabilities'
            contains -- $opt --section; and return 0
        case 'cloud-backup create'
            contains -- $opt --credential -l --label; and return 0
            contains -- $opt --full --wait; and return 1
        case 'cloud-backup delete'
            contains -- $opt --credential; and return 0
        case 'cloud-backup list'
            contains -- $opt --volume --volume-id --credential --status --metadata; and return 0
            contains -- $opt --all-clusters --long; and return 1
        case 'cloud-backup restore'
            contains -- $opt --name --credential -l --label; and return 0
            contains -- $opt --wait; and return 1
        case 'cloud-backup status'
            contains -- $opt --volume --task; and return 0
            contains -- $opt --long; and return 1
        case 'container create'
            contains -- $opt --read-acl --write-acl -m --meta --versions-location --history-location --storage-policy; and return 0
            contains -- $opt --public; and return 1
        case 'container delete'
            contains -- $opt --concurrency; and return 0
            contains -- $opt -r --recursive --leave-segments; and return 1
        case 'container list'
            contains -- $opt --prefix --limit --marker --end-marker; and return 0
            contains -- $opt --long; and return 1
        case 'container set'
            contains -- $opt --read-acl --write-acl -m --meta --remove-meta --versions-location --history-location --quota-bytes --quota-count --temp-url-key; and return 0
            contains -- $opt --public --private; and return 1
        case 'credential create'
            contains -- $opt --provider --bucket --access-key --secret-key --s3-endpoint --s3-region --azure-account-name --azure-account-key --google-project-id --google-json-key --nfs-server --nfs-sub-path --encryption-key; and return 0
            contains -- $opt --disable-ssl --disable-path-style --use-proxy; and return 1
        case 'credential list'
            contains -- $opt --long; and return 1
        case 'endpoint list'
            contains -- $opt --service --interface; and return 0
        case 'flavor list'
            contains -- $opt --limit; and return 0
            contains -- $opt --all --private --long; and return 1
        case 'flavor show'
            contains -- $opt --long; and return 1
        case 'host list'
            contains -- $opt --name; and return 0
            contains -- $opt --long; and return 1
        case 'license set'
            contains -- $opt --file; and return 0
        case 'node list'
            contains -- $opt --long; and return 1
        case 'node show'
            contains -- $opt --usage --long; and return 1
        case 'object copy'
            contains -- $opt -m --meta --content-type; and return 0
            contains -- $opt --fresh-metadata; and return 1
        case 'object delete'
            contains -- $opt --prefix --concurrency; and return 0
            contains -- $opt --all --leave-segments --long; and return 1
        case 'object download'
            contains -- $opt --file -D --dir --prefix --concurrency; and return 0
            contains -- $opt --no-resume --long; and return 1
        case 'object list'
            contains -- $opt --prefix --delimiter --limit --marker --end-marker; and return 0
            contains -- $opt --long; and return 1
        case 'object set'
            contains -- $opt -m --meta --remove-meta --content-type -H --header --delete-after --delete-at; and return 0
            contains -- $opt --clear-meta --remove-delete-at; and return 1
        case 'object tempurl'
            contains -- $opt --method --expires --expires-at --key --digest --filename; and return 0
            contains -- $opt --prefix --inline; and return 1
        case 'object upload'
            contains -- $opt --name -S --segment-size --segment-threshold --segment-container --concurrency -m --meta --content-type --delete-after --delete-at; and return 0
            contains -- $opt --dlo --skip-identical --leave-segments --long; and return 1
        case 'pool list'
            contains -- $opt --long; and return 1
        case 'pool show'
            contains -- $opt --long; and return 1
        case 'profile add'
            contains -- $opt --backend; and return 0
            contains -- $opt --use --from-env; and return 1
        case 'profile set'
            contains -- $opt --unset; and return 0
            contains -- $opt --password --password-stdin --token-stdin; and return 1
        case 'project list'
            contains -- $opt --long; and return 1
        case 'project show'
            contains -- $opt --long; and return 1
        case 'quota set'
            contains -- $opt --volumes --snapshots --gigabytes --backups --backup-gigabytes --per-volume-gigabytes --groups --volume-type; and return 0
        case 'quota show'
            contains -- $opt --default; and return 1
        case 'replica add'
            contains -- $opt --rack --zone --tenant; and return 0
            contains -- $opt --same-rack-allowed --wait --long; and return 1
        case 'replica delete'
            contains -- $opt --tenant; and return 0
            contains -- $opt --purge --wait; and return 1
        case 'replica list'
            contains -- $opt --tenant; and return 0
            contains -- $opt --long; and return 1
        case 'replica migrate'
            contains -- $opt --replica --to --tenant; and return 0
            contains -- $opt --wait --long; and return 1
        case 'rpc'
            contains -- $opt -d --data -n --count; and return 0
        case 'snapshot create'
            contains -- $opt --volume --reserved-space --id --tenant --name --description --property -l --label; and return 0
            contains -- $opt --wait --long --force; and return 1
        case 'snapshot delete'
            contains -- $opt --tenant; and return 0
            contains -- $opt --wait --force; and return 1
        case 'snapshot list'
            contains -- $opt --volume --name --tenant --status --limit -l --label; and return 0
            contains -- $opt --long --all-projects --all-tenants; and return 1
        case 'snapshot schedule list'
            contains -- $opt --volume; and return 0
        case 'snapshot schedule remove'
            contains -- $opt --volume; and return 0
        case 'snapshot schedule set'
            contains -- $opt --periodic --daily --weekly --monthly --retain --volume; and return 0
        case 'snapshot set'
            contains -- $opt --name --description --property; and return 0
            contains -- $opt --clear-properties --long; and return 1
        case 'snapshot show'
            contains -- $opt --tenant; and return 0
            contains -- $opt --long; and return 1
        case 'syslog set'
            contains -- $opt --url --cert-file; and return 0
            contains -- $opt --tls --long; and return 1
        case 'syslog show'
            contains -- $opt --long; and return 1
        case 'target list'
            contains -- $opt --host --volume --tenant; and return 0
            contains -- $opt --long; and return 1
        case 'task list'
            contains -- $opt --host; and return 0
            contains -- $opt --running --long; and return 1
        case 'task show'
            contains -- $opt --wait; and return 1
        case 'tenant create'
            contains -- $opt --capacity --iops --bandwidth --id; and return 0
        case 'tenant update'
            contains -- $opt --capacity --iops --bandwidth --name; and return 0
        case 'volume clone'
            contains -- $opt --size --reserved-space --id --tenant -l --label; and return 0
            contains -- $opt --wait --long; and return 1
        case 'volume create'
            contains -- $opt --size --snapshot --from-snapshot --source --reserved-space --replicas --rack --zone --block-size --max-iops-per-gb --desired-iops-per-gb --max-bw-per-gb --desired-bw-per-gb --max-replica-down-time --host-id --storage-class-name --id --tenant --type --availability-zone --description --property --image --ha-level --repl --replica-node -l --label --io-profile --fs --cos --owner; and return 0
            contains -- $opt --read-only --thin --same-rack-allowed --allow-span --wait --long --bootable --shared --sharedv4; and return 1
        case 'volume delete'
            contains -- $opt --tenant; and return 0
            contains -- $opt --wait --force --cascade; and return 1
        case 'volume detach'
            contains -- $opt --unmount --force; and return 1
        case 'volume extend'
            contains -- $opt --tenant; and return 0
            contains -- $opt --wait --long; and return 1
        case 'volume list'
            contains -- $opt --name --tenant --status --limit -l --label --owner; and return 0
            contains -- $opt --long --all-projects --all-tenants --all --snapshots; and return 1
        case 'volume migrate'
            contains -- $opt --replica --to --tenant; and return 0
            contains -- $opt --wait --long; and return 1
        case 'volume publish'
            contains -- $opt --host --tenant; and return 0
            contains -- $opt --long; and return 1
        case 'volume retype'
            contains -- $opt --migration-policy; and return 0
            contains -- $opt --wait --long; and return 1
        case 'volume service list'
            contains -- $opt --host --service; and return 0
            contains -- $opt --long; and return 1
        case 'volume set'
            contains -- $opt --name --description --property --unset-property; and return 0
            contains -- $opt --clear-properties --bootable --non-bootable --read-only --read-write --long; and return 1
        case 'volume show'
            contains -- $opt --tenant; and return 0
            contains -- $opt --long; and return 1
        case 'volume type create'
            contains -- $opt --description --property; and return 0
            contains -- $opt --private --public --long; and return 1
        case 'volume type list'
            contains -- $opt --all --long; and return 1
        case 'volume type show'
            contains -- $opt --long; and return 1
        case 'volume unpublish'
            contains -- $opt --host --tenant; and return 0
        case 'volume update'
            contains -- $opt -s --size --replicas --ha-level --repl -l --label --shared --io-profile --cos --owner; and return 0
        case 'watch volumes'
            contains -- $opt -l --label -n --count; and return 0
            contains -- $opt --long; and return 1
    end
    contains -- $opt -p --profile --os-cloud -o --output --format -f -c --column --sort --trace-file --timeout --connect-timeout --retry-budget --wait-timeout --cacert --os-region --os-region-name --region --endpoint --transport --os-volume-api-version
end

# Sets $__storctl_path (the topic/command words typed so far), $__storctl_npos (how many
# positional arguments follow them) and $__storctl_wants_value (1 when the last word is an
# option waiting for its value), once per command line.
function __storctl_parse
    set -l line (commandline -pc)
    if set -q __storctl_line; and test "$__storctl_line" = "$line"
        return 0
    end
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l path ''
    set -l npos 0
    set -l skip 0
    set -l dashdash 0
    for t in $tokens
        if test $skip -eq 1
            set skip 0
        else if test $dashdash -eq 1
            set npos (math $npos + 1)
        else if test "$t" = '--'
            set dashdash 1
        else if string match -qr -- '^-.' $t
            if not string match -q -- '*=*' $t; and __storctl_takes_value "$path" $t
                set skip 1
            end
        else if not __storctl_is_command "$path"; and contains -- $t (__storctl_children "$path")
            if test -z "$path"
                set path $t
            else
                set path "$path $t"
            end
        else
            set npos (math $npos + 1)
        end
    end
    set -g __storctl_line $line
    set -g __storctl_wants_value $skip
    set -g __storctl_path $path
    set -g __storctl_npos $npos
end

# The words typed so far are exactly $argv[1].
function __storctl_at --argument-names path
    __storctl_parse
    test $__storctl_wants_value -eq 0; and test "$__storctl_path" = "$path"
end

# At the command $argv[1], with the number of arguments typed comparing ($argv[2]) to $argv[3].
function __storctl_arg --argument-names path op n
    __storctl_parse
    test $__storctl_wants_value -eq 0; and test "$__storctl_path" = "$path"; and test $__storctl_npos $op $n
end

# Column keys of the command typed so far, for -c/--column and --sort.
function __storctl_columns
    __storctl_parse
    switch "$__storctl_path"
        case 'account set'
            printf '%s\n' 'account' 'storage_url' 'containers' 'objects' 'bytes' 'quota_bytes' 'temp_url_key_set' 'metadata' 'policies' 'created'
        case 'account show'
            printf '%s\n' 'account' 'storage_url' 'containers' 'objects' 'bytes' 'quota_bytes' 'temp_url_key_set' 'metadata' 'policies' 'created'
        case 'alert list'
            printf '%s\n' 'id' 'timestamp' 'severity' 'resource' 'resource_id' 'message' 'cleared' 'count' 'alert_type' 'first_seen'
        case 'auth login'
            printf '%s\n' 'profile' 'backend' 'auth_type' 'auth_url' 'user' 'user_id' 'user_domain' 'project' 'project_id' 'project_domain' 'domain_scope' 'system_scope' 'roles' 'issued_at' 'expires_at' 'expired' 'storage_url' 'cached' 'checked'
        case 'auth logout'
            printf '%s\n' 'profile' 'dropped' 'revoked'
        case 'auth status'
            printf '%s\n' 'profile' 'backend' 'auth_type' 'auth_url' 'user' 'user_id' 'user_domain' 'project' 'project_id' 'project_domain' 'domain_scope' 'system_scope' 'roles' 'issued_at' 'expires_at' 'expired' 'storage_url' 'token_cached' 'token_store' 'secret_store' 'credentials'
        case 'auth token'
            printf '%s\n' 'token' 'expires_at' 'auth_type' 'storage_url' 'project_id'
        case 'backend add'
            printf '%s\n' 'persistentID' 'mgmtIPs' 'state' 'inUse' 'rack' 'zone' 'region' 'totalCapacity' 'availableCapacity' 'portals' 'totalIOPS' 'availableIOPS' 'lastProbTime' 'hostId'
        case 'backend list'
            printf '%s\n' 'persistentID' 'mgmtIPs' 'state' 'inUse' 'rack' 'zone' 'region' 'totalCapacity' 'availableCapacity' 'portals' 'totalIOPS' 'availableIOPS' 'lastProbTime' 'hostId'
        case 'backend show'
            printf '%s\n' 'persistentID' 'mgmtIPs' 'state' 'inUse' 'rack' 'zone' 'region' 'totalCapacity' 'availableCapacity' 'portals' 'totalIOPS' 'availableIOPS' 'lastProbTime' 'hostId'
        case 'backend update'
            printf '%s\n' 'persistentID' 'mgmtIPs' 'state' 'inUse' 'rack' 'zone' 'region' 'totalCapacity' 'availableCapacity' 'portals' 'totalIOPS' 'availableIOPS' 'lastProbTime' 'hostId'
        case 'backup create'
            printf '%s\n' 'id' 'name' 'description' 'status' 'size' 'volume_id' 'availability_zone' 'container' 'is_incremental' 'fail_reason' 'created_at'
        case 'backup list'
            printf '%s\n' 'id' 'name' 'description' 'status' 'size' 'volume_id' 'availability_zone' 'container' 'is_incremental' 'fail_reason' 'created_at'
        case 'backup restore'
            printf '%s\n' 'backup_id' 'volume_id' 'volume_name'
        case 'backup show'
            printf '%s\n' 'id' 'name' 'description' 'status' 'size' 'volume_id' 'availability_zone' 'container' 'is_incremental' 'fail_reason' 'created_at'
        case 'catalog list'
            printf '%s\n' 'name' 'type' 'endpoints'
        case 'catalog show'
            printf '%s\n' 'name' 'type' 'endpoints'
        case 'cloud-backup create'
            printf '%s\n' 'task_id' 'optype' 'status' 'src_volume_id' 'bytes_done' 'bytes_total' 'backup_id' 'start_time' 'completed_time' 'eta_seconds'
        case 'cloud-backup delete'
            printf '%s\n' 'id' 'name' 'result'
        case 'cloud-backup list'
            printf '%s\n' 'id' 'src_volume_name' 'timestamp' 'status' 'src_volume_id' 'metadata'
        case 'cloud-backup restore'
            printf '%s\n' 'restore_volume_id' 'task_id' 'optype' 'status' 'src_volume_id' 'bytes_done' 'bytes_total' 'backup_id' 'start_time' 'completed_time' 'eta_seconds'
        case 'cloud-backup status'
            printf '%s\n' 'task_id' 'optype' 'status' 'src_volume_id' 'bytes_done' 'bytes_total' 'backup_id' 'start_time' 'completed_time' 'eta_seconds'
        case 'cluster show'
            printf '%s\n' 'id' 'name' 'status'
        case 'container create'
            printf '%s\n' 'name' 'status'
        case 'container delete'
            printf '%s\n' 'name' 'status' 'objects_deleted'
        case 'container list'
            printf '%s\n' 'name' 'count' 'bytes' 'last_modified'
        case 'container set'
            printf '%s\n' 'name' 'count' 'bytes' 'read_acl' 'write_acl' 'public' 'versions_location' 'history_location' 'storage_policy' 'quota_bytes' 'quota_count' 'temp_url_key_set' 'metadata' 'created' 'last_modified'
        case 'container show'
            printf '%s\n' 'name' 'count' 'bytes' 'read_acl' 'write_acl' 'public' 'versions_location' 'history_location' 'storage_policy' 'quota_bytes' 'quota_count' 'temp_url_key_set' 'metadata' 'created' 'last_modified'
        case 'credential create'
            printf '%s\n' 'credential_id' 'name' 'type' 'bucket' 'endpoint' 'region' 'owner'
        case 'credential delete'
            printf '%s\n' 'id' 'name' 'result'
        case 'credential list'
            printf '%s\n' 'credential_id' 'name' 'type' 'bucket' 'endpoint' 'region' 'owner'
        case 'credential show'
            printf '%s\n' 'credential_id' 'name' 'type' 'bucket' 'endpoint' 'region' 'owner'
        case 'credential validate'
            printf '%s\n' 'credential_id' 'name' 'valid'
        case 'endpoint list'
            printf '%s\n' 'id' 'region' 'service_name' 'service_type' 'enabled' 'interface' 'url'
        case 'flavor list'
            printf '%s\n' 'id' 'name' 'ram' 'disk' 'OS-FLV-EXT-DATA:ephemeral' 'swap' 'vcpus' 'rxtx_factor' 'os-flavor-access:is_public' 'OS-FLV-DISABLED:disabled' 'description'
        case 'flavor show'
            printf '%s\n' 'id' 'name' 'ram' 'disk' 'OS-FLV-EXT-DATA:ephemeral' 'swap' 'vcpus' 'rxtx_factor' 'os-flavor-access:is_public' 'OS-FLV-DISABLED:disabled' 'description'
        case 'host list'
            printf '%s\n' 'uuid' 'name' 'nqn' 'state' 'lastProbeTime' 'clientType' 'version' 'duration'
        case 'host show'
            printf '%s\n' 'uuid' 'name' 'nqn' 'state' 'lastProbeTime' 'clientType' 'version' 'duration'
        case 'identity capabilities'
            printf '%s\n' 'service'
        case 'identity version'
            printf '%s\n' 'sdk_version' 'version' 'details'
        case 'info'
            printf '%s\n' 'version' 'authenticationMode' 'totalFreeSpace' 'syslogsBackend'
        case 'license set'
            printf '%s\n' 'type' 'expirationDate' 'maxBackends'
        case 'license show'
            printf '%s\n' 'type' 'expirationDate' 'maxBackends'
        case 'limits show'
            printf '%s\n' 'name' 'value'
        case 'node list'
            printf '%s\n' 'id' 'hostname' 'status' 'mgmt_ip' 'data_ip' 'cpu' 'cpu_cores' 'mem_used' 'mem_total' 'mem_free' 'pools' 'scheduler_node_name' 'security_status'
        case 'node show'
            printf '%s\n' 'id' 'hostname' 'status' 'mgmt_ip' 'data_ip' 'cpu' 'cpu_cores' 'mem_used' 'mem_total' 'mem_free' 'pools' 'scheduler_node_name' 'security_status'
        case 'object copy'
            printf '%s\n' 'container' 'name' 'bytes' 'content_type' 'hash' 'etag' 'last_modified' 'large_object' 'manifest' 'metadata' 'delete_at' 'headers'
        case 'object delete'
            printf '%s\n' 'name' 'status' 'segments' 'container'
        case 'object download'
            printf '%s\n' 'name' 'path' 'bytes' 'status' 'verified' 'etag'
        case 'object list'
            printf '%s\n' 'name' 'bytes' 'hash' 'content_type' 'last_modified'
        case 'object set'
            printf '%s\n' 'container' 'name' 'bytes' 'content_type' 'hash' 'etag' 'last_modified' 'large_object' 'manifest' 'metadata' 'delete_at' 'headers'
        case 'object show'
            printf '%s\n' 'container' 'name' 'bytes' 'content_type' 'hash' 'etag' 'last_modified' 'large_object' 'manifest' 'metadata' 'delete_at' 'headers'
        case 'object tempurl'
            printf '%s\n' 'url' 'method' 'expires_at' 'path'
        case 'object upload'
            printf '%s\n' 'name' 'bytes' 'status' 'etag' 'segments' 'content_type' 'source'
        case 'pool list'
            printf '%s\n' 'uuid' 'node_id' 'ID' 'Medium' 'Cos' 'TotalSize' 'Used' 'RaidLevel' 'labels' 'last_operation'
        case 'pool show'
            printf '%s\n' 'uuid' 'node_id' 'ID' 'Medium' 'Cos' 'TotalSize' 'Used' 'RaidLevel' 'labels' 'last_operation'
        case 'profile explain'
            printf '%s\n' 'setting' 'value' 'source' 'ignored'
        case 'profile list'
            printf '%s\n' 'current' 'name' 'backend' 'auth_type' 'endpoint'
        case 'project list'
            printf '%s\n' 'id' 'name' 'domain_id' 'description' 'enabled'
        case 'project show'
            printf '%s\n' 'id' 'name' 'domain_id' 'description' 'enabled'
        case 'quota set'
            printf '%s\n' 'resource' 'limit' 'in_use' 'reserved'
        case 'quota show'
            printf '%s\n' 'resource' 'limit' 'in_use' 'reserved'
        case 'region list'
            printf '%s\n' 'id' 'parent_region_id' 'description'
        case 'replica add'
            printf '%s\n' 'uuid' 'backend' 'replicaState' 'currentStateTime' 'migratingTo'
        case 'replica list'
            printf '%s\n' 'uuid' 'backend' 'replicaState' 'currentStateTime' 'migratingTo'
        case 'replica migrate'
            printf '%s\n' 'uuid' 'backend' 'replicaState' 'currentStateTime' 'migratingTo'
        case 'role list'
            printf '%s\n' 'name' 'rules'
        case 'role show'
            printf '%s\n' 'name' 'rules'
        case 'sandbox start'
            printf '%s\n' 'name' 'description'
        case 'sandbox status'
            printf '%s\n' 'service' 'address'
        case 'snapshot create'
            printf '%s\n' 'snapshotID' 'alias' 'volumeID' 'capacity' 'timestamp' 'reservedSpace' 'id' 'name' 'description' 'status' 'size' 'volume_id' 'metadata' 'os-extended-snapshot-attributes:project_id' 'created_at' 'volume' 'ctime' 'labels'
        case 'snapshot delete'
            printf '%s\n' 'id' 'name' 'result'
        case 'snapshot list'
            printf '%s\n' 'snapshotID' 'alias' 'volumeID' 'capacity' 'timestamp' 'reservedSpace' 'id' 'name' 'description' 'status' 'size' 'volume_id' 'metadata' 'os-extended-snapshot-attributes:project_id' 'created_at' 'volume' 'ctime' 'labels'
        case 'snapshot restore'
            printf '%s\n' 'id' 'name' 'size' 'ha_level' 'status' 'state' 'attached_on' 'device_path' 'attach_path' 'shared' 'io_profile' 'owner' 'labels' 'parent' 'ctime'
        case 'snapshot schedule list'
            printf '%s\n' 'name' 'schedules'
        case 'snapshot schedule remove'
            printf '%s\n' 'id' 'name' 'result'
        case 'snapshot schedule set'
            printf '%s\n' 'name' 'schedules'
        case 'snapshot set'
            printf '%s\n' 'id' 'name' 'description' 'status' 'size' 'volume_id' 'metadata' 'os-extended-snapshot-attributes:project_id' 'created_at'
        case 'snapshot show'
            printf '%s\n' 'snapshotID' 'alias' 'volumeID' 'capacity' 'timestamp' 'reservedSpace' 'id' 'name' 'description' 'status' 'size' 'volume_id' 'metadata' 'os-extended-snapshot-attributes:project_id' 'created_at'
        case 'syslog set'
            printf '%s\n' 'name' 'url' 'state' 'useTls' 'certFileName'
        case 'syslog show'
            printf '%s\n' 'name' 'url' 'state' 'useTls' 'certFileName'
        case 'target list'
            printf '%s\n' 'targetName' 'backend' 'numNamespaces' 'alias'
        case 'task list'
            printf '%s\n' 'taskId' 'type' 'state' 'taskStatus' 'progress' 'statusDescription' 'hostId' 'taskConfiguration'
        case 'task show'
            printf '%s\n' 'taskId' 'type' 'state' 'taskStatus' 'progress' 'statusDescription' 'hostId' 'taskConfiguration'
        case 'tenant create'
            printf '%s\n' 'tenantId' 'name' 'capacity' 'consumedCapacity' 'totalIOPS' 'totalBW'
        case 'tenant list'
            printf '%s\n' 'tenantId' 'name' 'capacity' 'consumedCapacity' 'totalIOPS' 'totalBW'
        case 'tenant show'
            printf '%s\n' 'tenantId' 'name' 'capacity' 'consumedCapacity' 'totalIOPS' 'totalBW'
        case 'tenant update'
            printf '%s\n' 'tenantId' 'name' 'capacity' 'consumedCapacity' 'totalIOPS' 'totalBW'
        case 'volume attach'
            printf '%s\n' 'id' 'name' 'size' 'ha_level' 'status' 'state' 'attached_on' 'device_path' 'attach_path' 'shared' 'io_profile' 'owner' 'labels' 'parent' 'ctime'
        case 'volume clone'
            printf '%s\n' 'uuid' 'alias' 'capacity' 'numReplicas' 'replicaState' 'location' 'provisioningType' 'writable' 'snapshotID' 'maxIOPS' 'blockSize' 'id' 'name' 'size' 'ha_level' 'status' 'state' 'attached_on' 'device_path' 'attach_path' 'shared' 'io_profile' 'owner' 'labels' 'parent' 'ctime'
        case 'volume create'
            printf '%s\n' 'uuid' 'alias' 'capacity' 'numReplicas' 'replicaState' 'location' 'provisioningType' 'writable' 'snapshotID' 'maxIOPS' 'blockSize' 'id' 'name' 'status' 'size' 'attachments' 'volume_type' 'bootable' 'availability_zone' 'metadata' 'os-vol-tenant-attr:tenant_id' 'created_at' 'ha_level' 'state' 'attached_on' 'device_path' 'attach_path' 'shared' 'io_profile' 'owner' 'labels' 'parent' 'ctime'
        case 'volume delete'
            printf '%s\n' 'id' 'name' 'result'
        case 'volume detach'
            printf '%s\n' 'id' 'name' 'size' 'ha_level' 'status' 'state' 'attached_on' 'device_path' 'attach_path' 'shared' 'io_profile' 'owner' 'labels' 'parent' 'ctime'
        case 'volume extend'
            printf '%s\n' 'uuid' 'alias' 'capacity' 'numReplicas' 'replicaState' 'location' 'provisioningType' 'writable' 'snapshotID' 'maxIOPS' 'blockSize' 'id' 'name' 'status' 'size' 'attachments' 'volume_type' 'bootable' 'availability_zone' 'metadata' 'os-vol-tenant-attr:tenant_id' 'created_at'
        case 'volume list'
            printf '%s\n' 'uuid' 'alias' 'capacity' 'numReplicas' 'replicaState' 'location' 'provisioningType' 'writable' 'snapshotID' 'maxIOPS' 'blockSize' 'id' 'name' 'status' 'size' 'attachments' 'volume_type' 'bootable' 'availability_zone' 'metadata' 'os-vol-tenant-attr:tenant_id' 'created_at' 'ha_level' 'state' 'attached_on' 'device_path' 'attach_path' 'shared' 'io_profile' 'owner' 'labels' 'parent' 'ctime'
        case 'volume migrate'
            printf '%s\n' 'uuid' 'alias' 'capacity' 'numReplicas' 'replicaState' 'location' 'provisioningType' 'writable' 'snapshotID' 'maxIOPS' 'blockSize'
        case 'volume mount'
            printf '%s\n' 'id' 'name' 'size' 'ha_level' 'status' 'state' 'attached_on' 'device_path' 'attach_path' 'shared' 'io_profile' 'owner' 'labels' 'parent' 'ctime'
        case 'volume publish'
            printf '%s\n' 'targetName' 'backend' 'numNamespaces' 'alias'
        case 'volume retype'
            printf '%s\n' 'id' 'name' 'status' 'size' 'attachments' 'volume_type' 'bootable' 'availability_zone' 'metadata' 'os-vol-tenant-attr:tenant_id' 'created_at'
        case 'volume service list'
            printf '%s\n' 'binary' 'host' 'zone' 'status' 'state' 'updated_at' 'disabled_reason' 'backend_state'
        case 'volume set'
            printf '%s\n' 'id' 'name' 'status' 'size' 'attachments' 'volume_type' 'bootable' 'availability_zone' 'metadata' 'os-vol-tenant-attr:tenant_id' 'created_at'
        case 'volume show'
            printf '%s\n' 'uuid' 'alias' 'capacity' 'numReplicas' 'replicaState' 'provisioningType' 'writable' 'snapshotID' 'maxIOPS' 'blockSize' 'location' 'id' 'name' 'status' 'size' 'attachments' 'volume_type' 'bootable' 'availability_zone' 'metadata' 'os-vol-tenant-attr:tenant_id' 'created_at' 'ha_level' 'state' 'attached_on' 'device_path' 'attach_path' 'shared' 'io_profile' 'owner' 'labels' 'parent' 'ctime'
        case 'volume stats'
            printf '%s\n' 'reads' 'read_bytes' 'read_ms' 'writes' 'write_bytes' 'write_ms' 'bytes_used' 'io_progress' 'io_ms' 'interval_ms'
        case 'volume type create'
            printf '%s\n' 'id' 'name' 'is_public' 'description' 'extra_specs'
        case 'volume type list'
            printf '%s\n' 'id' 'name' 'is_public' 'description' 'extra_specs'
        case 'volume type show'
            printf '%s\n' 'id' 'name' 'is_public' 'description' 'extra_specs'
        case 'volume unmount'
            printf '%s\n' 'id' 'name' 'size' 'ha_level' 'status' 'state' 'attached_on' 'device_path' 'attach_path' 'shared' 'io_profile' 'owner' 'labels' 'parent' 'ctime'
        case 'volume update'
            printf '%s\n' 'id' 'name' 'size' 'ha_level' 'status' 'state' 'attached_on' 'device_path' 'attach_path' 'shared' 'io_profile' 'owner' 'labels' 'parent' 'ctime'
        case 'watch volumes'
            printf '%s\n' 'id' 'name' 'size' 'ha_level' 'status' 'state' 'attached_on' 'device_path' 'attach_path' 'shared' 'io_profile' 'owner' 'labels' 'parent' 'ctime'
    end
end

# The word before the cursor is one of $argv (hidden option aliases such as -f).
function __storctl_after
    set -l tokens (commandline -opc)
    contains -- $tokens[-1] $argv
end

function __storctl_profiles
    storctl profile list -o value -c name 2>/dev/null
end

complete -c storctl -f

# Global options
complete -c storctl -s p -l profile -x -a '(__storctl_profiles)' -d 'Profile to use (env STORCTL_PROFILE; default: the current profile)'
complete -c storctl -l os-cloud -x -d 'Take settings from this clouds.yaml cloud (env OS_CLOUD)'
complete -c storctl -s o -l output -x -a 'table json yaml csv value ndjson' -d 'Output format'
complete -c storctl -s c -l column -x -a '(__storctl_columns)' -d 'Show only this column (repeatable; header or JSON key)'
complete -c storctl -l sort -x -a '(__storctl_columns)' -d 'Sort rows by these columns (comma-separated)'
complete -c storctl -l no-headers -d 'Omit the header row (table, csv)'
complete -c storctl -l csv-safe -d 'CSV: prefix cells starting with = + - @ (or TAB, CR) with \' so spreadsheets do not run them as formulas'
complete -c storctl -l debug -d 'Trace every request and response on stderr (secrets redacted)'
complete -c storctl -l trace-file -r -F -d 'Append the same trace as JSON lines to FILE'
complete -c storctl -l timeout -x -d 'Deadline of one API request (default 60; 0 = none; transfers use the stall rule instead)'
complete -c storctl -l connect-timeout -x -d 'Give up connecting after this long (default 10)'
complete -c storctl -l retry-budget -x -d 'Stop retrying failed requests after this long (default 30; 0 = no retries)'
complete -c storctl -l wait-timeout -x -d 'With --wait: give up waiting after this long (e.g. 90s, 10m, 1h; default 30m)'
complete -c storctl -l insecure -d 'Do not verify TLS certificates (test servers only)'
complete -c storctl -l cacert -r -F -d 'CA bundle to verify the server with'
complete -c storctl -l os-region -x -d 'OpenStack region (env OS_REGION_NAME; also --region where the command has no --region of its own)'
complete -c storctl -l endpoint -x -d 'Override the service endpoint'
complete -c storctl -l transport -x -a 'grpc rest' -d 'OpenStorage transport'
complete -c storctl -l os-volume-api-version -x -d 'Cinder API (micro)version, e.g. 3.59 (env OS_VOLUME_API_VERSION)'
complete -c storctl -l no-cache -d 'Do not read or write the token cache'
complete -c storctl -s y -l yes -d 'Answer yes to confirmations (destructive commands)'
complete -c storctl -l no-color -d 'Never colour output (also NO_COLOR)'
complete -c storctl -s h -l help -d 'Show help'
complete -c storctl -n '__storctl_at ""' -s V -l version -d 'Print the version'
complete -c storctl -n '__storctl_after --format -f' -x -a 'table json yaml csv value ndjson'

# Topics and commands
complete -c storctl -n '__storctl_at ""' -a 'account' -d 'Swift account: metadata, quotas, temp URL key'
complete -c storctl -n '__storctl_at ""' -a 'alert' -d 'OpenStorage alerts'
complete -c storctl -n '__storctl_at ""' -a 'api' -d 'Send an authenticated request to the profile\'s API'
complete -c storctl -n '__storctl_at ""' -a 'auth' -d 'Log in, show credentials and tokens, log out'
complete -c storctl -n '__storctl_at ""' -a 'backend' -d 'KumoScale storage nodes (backends)'
complete -c storctl -n '__storctl_at ""' -a 'backup' -d 'Cinder volume backups'
complete -c storctl -n '__storctl_at ""' -a 'capabilities' -d 'Show what the Swift cluster supports (/info)'
complete -c storctl -n '__storctl_at ""' -a 'catalog' -d 'OpenStack service catalog'
complete -c storctl -n '__storctl_at ""' -a 'cloud-backup' -d 'OpenStorage cloud backups'
complete -c storctl -n '__storctl_at ""' -a 'cluster' -d 'OpenStorage cluster'
complete -c storctl -n '__storctl_at ""' -a 'completion' -d 'Print the shell completion script for bash, zsh or fish'
complete -c storctl -n '__storctl_at ""' -a 'container' -d 'Swift containers'
complete -c storctl -n '__storctl_at ""' -a 'credential' -d 'OpenStorage cloud credentials'
complete -c storctl -n '__storctl_at ""' -a 'endpoint' -d 'Keystone endpoints'
complete -c storctl -n '__storctl_at ""' -a 'flavor' -d 'Nova flavors'
complete -c storctl -n '__storctl_at ""' -a 'host' -d 'KumoScale hosts (initiators)'
complete -c storctl -n '__storctl_at ""' -a 'identity' -d 'OpenStorage SDK identity: version and capabilities'
complete -c storctl -n '__storctl_at ""' -a 'info' -d 'Show the KumoScale provisioner\'s version and authentication mode'
complete -c storctl -n '__storctl_at ""' -a 'license' -d 'KumoScale license'
complete -c storctl -n '__storctl_at ""' -a 'limits' -d 'Cinder absolute limits'
complete -c storctl -n '__storctl_at ""' -a 'node' -d 'OpenStorage nodes'
complete -c storctl -n '__storctl_at ""' -a 'object' -d 'Swift objects'
complete -c storctl -n '__storctl_at ""' -a 'pool' -d 'OpenStorage storage pools'
complete -c storctl -n '__storctl_at ""' -a 'profile' -d 'Named connection profiles (~/.config/storctl/config.yaml)'
complete -c storctl -n '__storctl_at ""' -a 'project' -d 'Keystone projects (v2 tenants)'
complete -c storctl -n '__storctl_at ""' -a 'quota' -d 'Cinder quotas'
complete -c storctl -n '__storctl_at ""' -a 'region' -d 'Keystone regions'
complete -c storctl -n '__storctl_at ""' -a 'replica' -d 'KumoScale volume replicas'
complete -c storctl -n '__storctl_at ""' -a 'role' -d 'OpenStorage roles'
complete -c storctl -n '__storctl_at ""' -a 'rpc' -d 'Call any OpenStorage SDK RPC with a JSON request'
complete -c storctl -n '__storctl_at ""' -a 'sandbox' -d 'Embedded simulators of every backend, for trying storctl'
complete -c storctl -n '__storctl_at ""' -a 'snapshot' -d 'Snapshots (Cinder, OpenStorage, KumoScale)'
complete -c storctl -n '__storctl_at ""' -a 'syslog' -d 'KumoScale syslog forwarding'
complete -c storctl -n '__storctl_at ""' -a 'target' -d 'KumoScale NVMe-oF targets'
complete -c storctl -n '__storctl_at ""' -a 'task' -d 'KumoScale tasks'
complete -c storctl -n '__storctl_at ""' -a 'tenant' -d 'KumoScale tenants'
complete -c storctl -n '__storctl_at ""' -a 'volume' -d 'Block volumes (Cinder, OpenStorage, KumoScale)'
complete -c storctl -n '__storctl_at ""' -a 'watch' -d 'OpenStorage event streams'
complete -c storctl -n '__storctl_at "account"' -a 'set' -d 'Set account metadata, Temp-URL keys or the byte quota'
complete -c storctl -n '__storctl_at "account"' -a 'show' -d 'Show the Swift account: usage, quota, metadata'
complete -c storctl -n '__storctl_at "alert"' -a 'list' -d 'List alerts, filtered by time, resource type and severity'
complete -c storctl -n '__storctl_at "auth"' -a 'login' -d 'Authenticate now and cache the token'
complete -c storctl -n '__storctl_at "auth"' -a 'logout' -d 'Drop the cached token (and revoke it with --revoke)'
complete -c storctl -n '__storctl_at "auth"' -a 'status' -d 'Show identity, scope, expiry and where credentials live (offline)'
complete -c storctl -n '__storctl_at "auth"' -a 'token' -d 'Print a valid token for scripts'
complete -c storctl -n '__storctl_at "backend"' -a 'add' -d 'Add a storage node to the provisioner\'s pool'
complete -c storctl -n '__storctl_at "backend"' -a 'list' -d 'List the storage nodes in the provisioner\'s pool'
complete -c storctl -n '__storctl_at "backend"' -a 'remove' -d 'Remove storage nodes from the provisioner\'s pool'
complete -c storctl -n '__storctl_at "backend"' -a 'show' -d 'Show one storage node (backend)'
complete -c storctl -n '__storctl_at "backend"' -a 'update' -d 'Change a storage node\'s location labels'
complete -c storctl -n '__storctl_at "backup"' -a 'create' -d 'Back up a Cinder volume'
complete -c storctl -n '__storctl_at "backup"' -a 'delete' -d 'Delete Cinder backups'
complete -c storctl -n '__storctl_at "backup"' -a 'list' -d 'List Cinder backups'
complete -c storctl -n '__storctl_at "backup"' -a 'restore' -d 'Restore a Cinder backup'
complete -c storctl -n '__storctl_at "backup"' -a 'show' -d 'Show one Cinder backup'
complete -c storctl -n '__storctl_at "catalog"' -a 'list' -d 'List the OpenStack service catalog'
complete -c storctl -n '__storctl_at "catalog"' -a 'show' -d 'Show one service of the catalog by type or name'
complete -c storctl -n '__storctl_at "cloud-backup"' -a 'create' -d 'Back a volume up to the cloud'
complete -c storctl -n '__storctl_at "cloud-backup"' -a 'delete' -d 'Delete cloud backups'
complete -c storctl -n '__storctl_at "cloud-backup"' -a 'list' -d 'List cloud backups'
complete -c storctl -n '__storctl_at "cloud-backup"' -a 'restore' -d 'Restore a cloud backup into a new volume'
complete -c storctl -n '__storctl_at "cloud-backup"' -a 'status' -d 'Show cloud backup and restore tasks with their progress'
complete -c storctl -n '__storctl_at "cluster"' -a 'show' -d 'Show the OpenStorage cluster (id, name, status)'
complete -c storctl -n '__storctl_at "container"' -a 'create' -d 'Create containers'
complete -c storctl -n '__storctl_at "container"' -a 'delete' -d 'Delete containers (--recursive: with all their objects)'
complete -c storctl -n '__storctl_at "container"' -a 'list' -d 'List containers in the account'
complete -c storctl -n '__storctl_at "container"' -a 'set' -d 'Set container ACLs, metadata, versioning, quotas'
complete -c storctl -n '__storctl_at "container"' -a 'show' -d 'Show a container: counts, ACLs, versioning, quotas, metadata'
complete -c storctl -n '__storctl_at "credential"' -a 'create' -d 'Create a cloud credential (S3, Azure, Google, NFS) for cloud backups'
complete -c storctl -n '__storctl_at "credential"' -a 'delete' -d 'Delete cloud credentials'
complete -c storctl -n '__storctl_at "credential"' -a 'list' -d 'List cloud credentials (for cloud backups)'
complete -c storctl -n '__storctl_at "credential"' -a 'show' -d 'Show one cloud credential by id or name'
complete -c storctl -n '__storctl_at "credential"' -a 'validate' -d 'Check that the server can use a cloud credential'
complete -c storctl -n '__storctl_at "endpoint"' -a 'list' -d 'List Keystone endpoints (admin)'
complete -c storctl -n '__storctl_at "flavor"' -a 'list' -d 'List Nova flavors'
complete -c storctl -n '__storctl_at "flavor"' -a 'show' -d 'Show one Nova flavor'
complete -c storctl -n '__storctl_at "host"' -a 'list' -d 'List the hosts (initiators) known to the provisioner'
complete -c storctl -n '__storctl_at "host"' -a 'remove' -d 'Remove hosts from the provisioner'
complete -c storctl -n '__storctl_at "host"' -a 'show' -d 'Show one host'
complete -c storctl -n '__storctl_at "identity"' -a 'capabilities' -d 'List the SDK services this OpenStorage server offers'
complete -c storctl -n '__storctl_at "identity"' -a 'version' -d 'Show the OpenStorage SDK and driver versions'
complete -c storctl -n '__storctl_at "license"' -a 'set' -d 'Install a KumoScale license key'
complete -c storctl -n '__storctl_at "license"' -a 'show' -d 'Show the KumoScale license'
complete -c storctl -n '__storctl_at "limits"' -a 'show' -d 'Show Cinder absolute limits of the current project'
complete -c storctl -n '__storctl_at "node"' -a 'list' -d 'List the nodes of the OpenStorage cluster with CPU and memory usage'
complete -c storctl -n '__storctl_at "node"' -a 'show' -d 'Show one node (the one answering when no ID is given), with usage'
complete -c storctl -n '__storctl_at "object"' -a 'copy' -d 'Copy an object on the server (no data through this machine)'
complete -c storctl -n '__storctl_at "object"' -a 'delete' -d 'Delete objects (by name, by prefix, or all), large objects with their segments'
complete -c storctl -n '__storctl_at "object"' -a 'download' -d 'Download objects to files, a directory, or stdout (verified, resumable)'
complete -c storctl -n '__storctl_at "object"' -a 'list' -d 'List objects in a container'
complete -c storctl -n '__storctl_at "object"' -a 'set' -d 'Change an object\'s metadata, content type, headers or expiry'
complete -c storctl -n '__storctl_at "object"' -a 'show' -d 'Show an object: size, MD5, content type, metadata, large-object manifest'
complete -c storctl -n '__storctl_at "object"' -a 'tempurl' -d 'Make a temporary URL that works without a token (GET, PUT…)'
complete -c storctl -n '__storctl_at "object"' -a 'upload' -d 'Upload files, directories or stdin (large files in parallel segments)'
complete -c storctl -n '__storctl_at "pool"' -a 'list' -d 'List the storage pools of every node'
complete -c storctl -n '__storctl_at "pool"' -a 'show' -d 'Show one storage pool by UUID'
complete -c storctl -n '__storctl_at "profile"' -a 'add' -d 'Create a profile'
complete -c storctl -n '__storctl_at "profile"' -a 'explain' -d 'Show every effective setting and where it came from'
complete -c storctl -n '__storctl_at "profile"' -a 'list' -d 'List the configured profiles'
complete -c storctl -n '__storctl_at "profile"' -a 'remove' -d 'Delete a profile'
complete -c storctl -n '__storctl_at "profile"' -a 'set' -d 'Change settings of a profile'
complete -c storctl -n '__storctl_at "profile"' -a 'show' -d 'Show the settings stored in a profile (secrets masked)'
complete -c storctl -n '__storctl_at "profile"' -a 'use' -d 'Make a profile the current one'
complete -c storctl -n '__storctl_at "project"' -a 'list' -d 'List Keystone projects'
complete -c storctl -n '__storctl_at "project"' -a 'show' -d 'Show one Keystone project'
complete -c storctl -n '__storctl_at "quota"' -a 'set' -d 'Change Cinder quotas of a project (admin)'
complete -c storctl -n '__storctl_at "quota"' -a 'show' -d 'Show Cinder quotas and usage of a project'
complete -c storctl -n '__storctl_at "region"' -a 'list' -d 'List Keystone regions'
complete -c storctl -n '__storctl_at "replica"' -a 'add' -d 'Add a replica to a volume'
complete -c storctl -n '__storctl_at "replica"' -a 'delete' -d 'Remove a replica from a volume'
complete -c storctl -n '__storctl_at "replica"' -a 'list' -d 'List the replicas of a volume'
complete -c storctl -n '__storctl_at "replica"' -a 'migrate' -d 'Move a replica to another backend'
complete -c storctl -n '__storctl_at "role"' -a 'list' -d 'List the roles of the OpenStorage server'
complete -c storctl -n '__storctl_at "role"' -a 'show' -d 'Show one role and its rules'
complete -c storctl -n '__storctl_at "sandbox"' -a 'demo' -d 'Start the simulators, run a short tour of real commands, and stop'
complete -c storctl -n '__storctl_at "sandbox"' -a 'start' -d 'Start the simulators in the background and write sandbox-* profiles'
complete -c storctl -n '__storctl_at "sandbox"' -a 'status' -d 'Show whether the sandbox runs and where each simulator listens'
complete -c storctl -n '__storctl_at "sandbox"' -a 'stop' -d 'Stop the simulators and remove the sandbox-* profiles'
complete -c storctl -n '__storctl_at "snapshot"' -a 'create' -d 'Snapshot a volume'
complete -c storctl -n '__storctl_at "snapshot"' -a 'delete' -d 'Delete snapshots'
complete -c storctl -n '__storctl_at "snapshot"' -a 'list' -d 'List snapshots'
complete -c storctl -n '__storctl_at "snapshot"' -a 'restore' -d 'Roll a volume back to one of its snapshots'
complete -c storctl -n '__storctl_at "snapshot"' -a 'schedule' -d 'OpenStorage snapshot schedules'
complete -c storctl -n '__storctl_at "snapshot"' -a 'set' -d 'Change a Cinder snapshot\'s name, description or metadata'
complete -c storctl -n '__storctl_at "snapshot"' -a 'show' -d 'Show one snapshot'
complete -c storctl -n '__storctl_at "snapshot schedule"' -a 'list' -d 'List snapshot schedules (OpenStorage schedule policies)'
complete -c storctl -n '__storctl_at "snapshot schedule"' -a 'remove' -d 'Stop a snapshot schedule: for some volumes, or delete it'
complete -c storctl -n '__storctl_at "snapshot schedule"' -a 'set' -d 'Create or change a snapshot schedule, and apply it to volumes'
complete -c storctl -n '__storctl_at "syslog"' -a 'set' -d 'Set a syslog destination of the provisioner (unconfirmed API)'
complete -c storctl -n '__storctl_at "syslog"' -a 'show' -d 'List the provisioner\'s syslog destinations'
complete -c storctl -n '__storctl_at "target"' -a 'list' -d 'List NVMe-oF targets of a host or a volume'
complete -c storctl -n '__storctl_at "task"' -a 'list' -d 'List the provisioner\'s tasks'
complete -c storctl -n '__storctl_at "task"' -a 'remove' -d 'Remove ended tasks'
complete -c storctl -n '__storctl_at "task"' -a 'show' -d 'Show one task'
complete -c storctl -n '__storctl_at "tenant"' -a 'create' -d 'Create a tenant with capacity and performance budgets'
complete -c storctl -n '__storctl_at "tenant"' -a 'delete' -d 'Delete tenants'
complete -c storctl -n '__storctl_at "tenant"' -a 'list' -d 'List tenants (virtual clusters) and their budgets'
complete -c storctl -n '__storctl_at "tenant"' -a 'show' -d 'Show one tenant'
complete -c storctl -n '__storctl_at "tenant"' -a 'update' -d 'Change a tenant\'s budgets or name'
complete -c storctl -n '__storctl_at "volume"' -a 'attach' -d 'Attach an OpenStorage volume to the node that serves the SDK'
complete -c storctl -n '__storctl_at "volume"' -a 'clone' -d 'Clone a volume'
complete -c storctl -n '__storctl_at "volume"' -a 'create' -d 'Create a volume'
complete -c storctl -n '__storctl_at "volume"' -a 'delete' -d 'Delete volumes'
complete -c storctl -n '__storctl_at "volume"' -a 'detach' -d 'Detach an OpenStorage volume'
complete -c storctl -n '__storctl_at "volume"' -a 'extend' -d 'Grow a volume'
complete -c storctl -n '__storctl_at "volume"' -a 'list' -d 'List volumes'
complete -c storctl -n '__storctl_at "volume"' -a 'migrate' -d 'Move a volume replica to another storage node'
complete -c storctl -n '__storctl_at "volume"' -a 'mount' -d 'Mount an attached OpenStorage volume at a path on its node'
complete -c storctl -n '__storctl_at "volume"' -a 'publish' -d 'Give a host access to a volume'
complete -c storctl -n '__storctl_at "volume"' -a 'retype' -d 'Change a Cinder volume\'s type'
complete -c storctl -n '__storctl_at "volume"' -a 'service' -d 'Cinder services'
complete -c storctl -n '__storctl_at "volume"' -a 'set' -d 'Change a Cinder volume\'s name, description, metadata or flags'
complete -c storctl -n '__storctl_at "volume"' -a 'show' -d 'Show one volume'
complete -c storctl -n '__storctl_at "volume"' -a 'stats' -d 'Show IO statistics of an OpenStorage volume'
complete -c storctl -n '__storctl_at "volume"' -a 'type' -d 'Cinder volume types'
complete -c storctl -n '__storctl_at "volume"' -a 'unmount' -d 'Unmount an OpenStorage volume from a path'
complete -c storctl -n '__storctl_at "volume"' -a 'unpublish' -d 'Take a host\'s access to a volume away'
complete -c storctl -n '__storctl_at "volume"' -a 'update' -d 'Change an OpenStorage volume: size, HA level, labels, sharing, IO profile, owner'
complete -c storctl -n '__storctl_at "volume service"' -a 'list' -d 'List Cinder services (admin)'
complete -c storctl -n '__storctl_at "volume type"' -a 'create' -d 'Create a Cinder volume type (admin)'
complete -c storctl -n '__storctl_at "volume type"' -a 'delete' -d 'Delete Cinder volume types (admin)'
complete -c storctl -n '__storctl_at "volume type"' -a 'list' -d 'List Cinder volume types'
complete -c storctl -n '__storctl_at "volume type"' -a 'show' -d 'Show one Cinder volume type'
complete -c storctl -n '__storctl_at "watch"' -a 'volumes' -d 'Stream volume changes as they happen (NDJSON), until ^C or --count'

# Options and arguments of each command
complete -c storctl -n '__storctl_at "account set"' -s m -l meta -x -d 'Set a metadata item (repeatable)'
complete -c storctl -n '__storctl_at "account set"' -l remove-meta -x -d 'Remove a metadata item (repeatable)'
complete -c storctl -n '__storctl_at "account set"' -l temp-url-key -x -d 'Key for signing temporary URLs ("" removes it)'
complete -c storctl -n '__storctl_at "account set"' -l temp-url-key-2 -x -d 'Second key, for rotating keys without breaking URLs ("" removes it)'
complete -c storctl -n '__storctl_at "account set"' -l quota-bytes -x -d 'Account byte quota, e.g. 500G = 500 GiB, 500GB = 500·10^9 bytes, a plain number is bytes ("" removes it; reseller admin only)'
complete -c storctl -n '__storctl_at "alert list"' -l since -x -d 'Only alerts from this time on (2024-05-01T00:00:00Z, or 30m, 2h, 7d ago)'
complete -c storctl -n '__storctl_at "alert list"' -l until -x -d 'Only alerts up to this time'
complete -c storctl -n '__storctl_at "alert list"' -l resource-type -x -a 'volume node cluster drive pool none' -d 'Only alerts about this kind of resource'
complete -c storctl -n '__storctl_at "alert list"' -l resource-id -x -d 'Only alerts about this resource (needs --resource-type and --alert-type)'
complete -c storctl -n '__storctl_at "alert list"' -l alert-type -x -d 'Only alerts of this type number (needs --resource-type)'
complete -c storctl -n '__storctl_at "alert list"' -l severity -x -a 'alarm warning notify' -d 'At least this severe (alarm > warning > notify)'
complete -c storctl -n '__storctl_at "alert list"' -l cleared -d 'Only cleared alerts'
complete -c storctl -n '__storctl_at "alert list"' -l active -d 'Only alerts not cleared'
complete -c storctl -n '__storctl_at "alert list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "api"' -l service -x -d 'OpenStack catalog service type (volumev3, compute, object-store, identity…)'
complete -c storctl -n '__storctl_at "api"' -s d -l data -x -d 'Request body: inline, from a file, or from stdin'
complete -c storctl -n '__storctl_at "api"' -s H -l header -x -d 'Extra request header (repeatable)'
complete -c storctl -n '__storctl_at "api"' -s i -l include -d 'Print the status line and response headers first'
complete -c storctl -n '__storctl_arg "api" -eq 0' -a 'GET HEAD POST PUT PATCH DELETE COPY OPTIONS' -d 'HTTP method'
complete -c storctl -n '__storctl_at "auth logout"' -l revoke -d 'Also revoke the token on the server (Keystone v3)'
complete -c storctl -n '__storctl_at "auth logout"' -l all -d 'Drop the cached tokens of every profile'
complete -c storctl -n '__storctl_at "backend add"' -l rack -x -d 'Rack label'
complete -c storctl -n '__storctl_at "backend add"' -l zone -x -d 'Zone label (e.g. a shared switch)'
complete -c storctl -n '__storctl_at "backend add"' -l host-id -x -d 'The node runs inside this initiator host (3.20)'
complete -c storctl -n '__storctl_at "backend add"' -l mgmt-port -x -d 'The node\'s management port (provisioner default 443)'
complete -c storctl -n '__storctl_at "backend add"' -l wait -d 'Wait until the backend is Available'
complete -c storctl -n '__storctl_at "backend list"' -l state -x -d 'Only backends in this state (Available, Unavailable)'
complete -c storctl -n '__storctl_at "backend list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "backend update"' -l rack -x -d 'New rack label'
complete -c storctl -n '__storctl_at "backend update"' -l zone -x -d 'New zone label'
complete -c storctl -n '__storctl_at "backup create"' -l name -x -d 'Backup name'
complete -c storctl -n '__storctl_at "backup create"' -l description -x -d 'Description'
complete -c storctl -n '__storctl_at "backup create"' -l container -x -d 'Backup container (e.g. Swift container)'
complete -c storctl -n '__storctl_at "backup create"' -l snapshot -x -d 'Back up this snapshot of the volume (name or ID)'
complete -c storctl -n '__storctl_at "backup create"' -l incremental -d 'Incremental backup (needs an earlier full backup)'
complete -c storctl -n '__storctl_at "backup create"' -l force -d 'Back up an attached (in-use) volume too'
complete -c storctl -n '__storctl_at "backup create"' -l property -x -d 'Backup metadata (repeatable; microversion 3.43)'
complete -c storctl -n '__storctl_at "backup create"' -l wait -d 'Wait until the backup is available'
complete -c storctl -n '__storctl_at "backup create"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "backup delete"' -l force -d 'Delete regardless of state (admin)'
complete -c storctl -n '__storctl_at "backup delete"' -l wait -d 'Wait until the backups are gone'
complete -c storctl -n '__storctl_at "backup list"' -l all-projects -d 'Backups of every project (admin)'
complete -c storctl -n '__storctl_at "backup list"' -l volume -x -d 'Only backups of this volume (name or ID)'
complete -c storctl -n '__storctl_at "backup list"' -l status -x -d 'Only backups in this status'
complete -c storctl -n '__storctl_at "backup list"' -l name -x -d 'Only backups with exactly this name'
complete -c storctl -n '__storctl_at "backup list"' -l limit -x -d 'List at most N backups'
complete -c storctl -n '__storctl_at "backup list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "backup restore"' -l name -x -d 'Name of the new volume'
complete -c storctl -n '__storctl_at "backup restore"' -l wait -d 'Wait until the restored volume is available'
complete -c storctl -n '__storctl_at "backup show"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "capabilities"' -l section -x -d 'Show one section only, e.g. slo or swift'
complete -c storctl -n '__storctl_at "cloud-backup create"' -l credential -x -d 'Credential (id or name) of the store (default: the only one)'
complete -c storctl -n '__storctl_at "cloud-backup create"' -s l -l label -x -d 'Metadata on the backup (repeatable)'
complete -c storctl -n '__storctl_at "cloud-backup create"' -l full -d 'A full backup, not incremental'
complete -c storctl -n '__storctl_at "cloud-backup create"' -l wait -d 'Wait until the backup is done'
complete -c storctl -n '__storctl_at "cloud-backup delete"' -l credential -x -d 'Credential (id or name) of the store holding the backups (default: the only one)'
complete -c storctl -n '__storctl_at "cloud-backup list"' -l volume -x -d 'Only backups of this existing volume (id or name)'
complete -c storctl -n '__storctl_at "cloud-backup list"' -l volume-id -x -d 'Only backups of this volume id (also for deleted volumes)'
complete -c storctl -n '__storctl_at "cloud-backup list"' -l credential -x -d 'The store to list: credential id or name (default: the only one)'
complete -c storctl -n '__storctl_at "cloud-backup list"' -l status -x -a 'notstarted done aborted paused stopped active failed queued invalid' -d 'Only backups in this state'
complete -c storctl -n '__storctl_at "cloud-backup list"' -l metadata -x -d 'Only backups with this metadata (repeatable)'
complete -c storctl -n '__storctl_at "cloud-backup list"' -l all-clusters -d 'Backups of every cluster using the store'
complete -c storctl -n '__storctl_at "cloud-backup list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "cloud-backup restore"' -l name -x -d 'Name of the new volume (default: chosen by the server)'
complete -c storctl -n '__storctl_at "cloud-backup restore"' -l credential -x -d 'Credential (id or name) of the store (default: the only one)'
complete -c storctl -n '__storctl_at "cloud-backup restore"' -s l -l label -x -d 'Label on the new volume (repeatable)'
complete -c storctl -n '__storctl_at "cloud-backup restore"' -l wait -d 'Wait until the restore is done'
complete -c storctl -n '__storctl_at "cloud-backup status"' -l volume -x -d 'Only tasks of this volume (id or name)'
complete -c storctl -n '__storctl_at "cloud-backup status"' -l task -x -d 'Only this task'
complete -c storctl -n '__storctl_at "cloud-backup status"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_arg "completion" -eq 0' -a 'bash zsh fish' -d 'Shell to print the script for'
complete -c storctl -n '__storctl_at "container create"' -l read-acl -x -d 'Who may read (X-Container-Read)'
complete -c storctl -n '__storctl_at "container create"' -l write-acl -x -d 'Who may write (X-Container-Write)'
complete -c storctl -n '__storctl_at "container create"' -l public -d 'Anyone may read and list (read ACL .r:*,.rlistings)'
complete -c storctl -n '__storctl_at "container create"' -s m -l meta -x -d 'Set a metadata item (repeatable)'
complete -c storctl -n '__storctl_at "container create"' -l versions-location -x -d 'Keep old versions of overwritten objects in CONTAINER (X-Versions-Location)'
complete -c storctl -n '__storctl_at "container create"' -l history-location -x -d 'Keep old versions, also of deleted objects, in CONTAINER (X-History-Location)'
complete -c storctl -n '__storctl_at "container create"' -l storage-policy -x -d 'Storage policy of the new container'
complete -c storctl -n '__storctl_at "container delete"' -s r -l recursive -d 'Delete every object in the container first'
complete -c storctl -n '__storctl_at "container delete"' -l leave-segments -d 'Keep the segments of large objects (static and dynamic)'
complete -c storctl -n '__storctl_at "container delete"' -l concurrency -x -d 'Requests in flight at once (default: 4 objects; 2 segments of one large object)'
complete -c storctl -n '__storctl_at "container list"' -l prefix -x -d 'Only containers whose names start with PREFIX'
complete -c storctl -n '__storctl_at "container list"' -l limit -x -d 'Stop after N containers'
complete -c storctl -n '__storctl_at "container list"' -l marker -x -d 'Start after this container name'
complete -c storctl -n '__storctl_at "container list"' -l end-marker -x -d 'Stop before this container name'
complete -c storctl -n '__storctl_at "container list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "container set"' -l read-acl -x -d 'Who may read (X-Container-Read; "" removes)'
complete -c storctl -n '__storctl_at "container set"' -l write-acl -x -d 'Who may write (X-Container-Write; "" removes)'
complete -c storctl -n '__storctl_at "container set"' -l public -d 'Anyone may read and list (read ACL .r:*,.rlistings)'
complete -c storctl -n '__storctl_at "container set"' -l private -d 'Remove the read ACL'
complete -c storctl -n '__storctl_at "container set"' -s m -l meta -x -d 'Set a metadata item (repeatable)'
complete -c storctl -n '__storctl_at "container set"' -l remove-meta -x -d 'Remove a metadata item (repeatable)'
complete -c storctl -n '__storctl_at "container set"' -l versions-location -x -d 'Keep old versions in CONTAINER ("" turns versioning off)'
complete -c storctl -n '__storctl_at "container set"' -l history-location -x -d 'Keep old and deleted versions in CONTAINER ("" turns it off)'
complete -c storctl -n '__storctl_at "container set"' -l quota-bytes -x -d 'Byte quota, e.g. 10G = 10 GiB, 10GB = 10^9 bytes, a plain number is bytes ("" removes)'
complete -c storctl -n '__storctl_at "container set"' -l quota-count -x -d 'Object count quota ("" removes)'
complete -c storctl -n '__storctl_at "container set"' -l temp-url-key -x -d 'Container Temp-URL key ("" removes)'
complete -c storctl -n '__storctl_at "credential create"' -l provider -x -a 's3 azure google nfs' -d 'Kind of credential'
complete -c storctl -n '__storctl_at "credential create"' -l bucket -x -d 'Bucket backups go to'
complete -c storctl -n '__storctl_at "credential create"' -l access-key -x -d 'S3 access key'
complete -c storctl -n '__storctl_at "credential create"' -l secret-key -x -d 'S3 secret key'
complete -c storctl -n '__storctl_at "credential create"' -l s3-endpoint -x -d 'S3 endpoint'
complete -c storctl -n '__storctl_at "credential create"' -l s3-region -x -d 'S3 region'
complete -c storctl -n '__storctl_at "credential create"' -l disable-ssl -d 'S3 over plain HTTP'
complete -c storctl -n '__storctl_at "credential create"' -l disable-path-style -d 'Virtual-hosted-style S3 URLs'
complete -c storctl -n '__storctl_at "credential create"' -l azure-account-name -x -d 'Azure storage account'
complete -c storctl -n '__storctl_at "credential create"' -l azure-account-key -x -d 'Azure account key'
complete -c storctl -n '__storctl_at "credential create"' -l google-project-id -x -d 'Google Cloud project'
complete -c storctl -n '__storctl_at "credential create"' -l google-json-key -x -d 'Google service account key'
complete -c storctl -n '__storctl_at "credential create"' -l nfs-server -x -d 'NFS server'
complete -c storctl -n '__storctl_at "credential create"' -l nfs-sub-path -x -d 'Path on the NFS server'
complete -c storctl -n '__storctl_at "credential create"' -l encryption-key -x -d 'Encrypt backups with this passphrase'
complete -c storctl -n '__storctl_at "credential create"' -l use-proxy -d 'Reach the store through the node\'s proxy'
complete -c storctl -n '__storctl_at "credential list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "endpoint list"' -l service -x -d 'Only endpoints of this service'
complete -c storctl -n '__storctl_at "endpoint list"' -l interface -x -a 'public internal admin' -d 'Only this interface'
complete -c storctl -n '__storctl_at "flavor list"' -l all -d 'Public and private flavors (admin)'
complete -c storctl -n '__storctl_at "flavor list"' -l private -d 'Only private flavors (admin)'
complete -c storctl -n '__storctl_at "flavor list"' -l limit -x -d 'List at most N flavors'
complete -c storctl -n '__storctl_at "flavor list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "flavor show"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "host list"' -l name -x -d 'Only the host with this name'
complete -c storctl -n '__storctl_at "host list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "license set"' -l file -r -F -d 'Read the key from FILE (- for stdin)'
complete -c storctl -n '__storctl_at "node list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "node show"' -l usage -d 'Add per-volume space usage on the node (volume_usage)'
complete -c storctl -n '__storctl_at "node show"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "object copy"' -s m -l meta -x -d 'Set a metadata item (repeatable)'
complete -c storctl -n '__storctl_at "object copy"' -l fresh-metadata -d 'Do not copy the source\'s metadata'
complete -c storctl -n '__storctl_at "object copy"' -l content-type -x -d 'Content type of the copy'
complete -c storctl -n '__storctl_at "object delete"' -l prefix -x -d 'Delete every object whose name starts with PREFIX'
complete -c storctl -n '__storctl_at "object delete"' -l all -d 'Delete every object in the container'
complete -c storctl -n '__storctl_at "object delete"' -l leave-segments -d 'Keep the segments of large objects (static and dynamic)'
complete -c storctl -n '__storctl_at "object delete"' -l concurrency -x -d 'Requests in flight at once (default: 4 objects; 2 segments of one large object)'
complete -c storctl -n '__storctl_at "object delete"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "object download"' -l file -r -F -d 'Write the one object to PATH ("-" = stdout)'
complete -c storctl -n '__storctl_at "object download"' -s D -l dir -r -F -d 'Directory to download into (default .)'
complete -c storctl -n '__storctl_at "object download"' -l prefix -x -d 'Download every object whose name starts with PREFIX'
complete -c storctl -n '__storctl_at "object download"' -l concurrency -x -d 'Requests in flight at once (default: 4 objects; 2 segments of one large object)'
complete -c storctl -n '__storctl_at "object download"' -l no-resume -d 'Ignore a partial NAME.part and start over'
complete -c storctl -n '__storctl_at "object download"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "object list"' -l prefix -x -d 'Only objects whose names start with PREFIX'
complete -c storctl -n '__storctl_at "object list"' -l delimiter -x -d 'Roll names up to the first CHAR after the prefix (pseudo-directories)'
complete -c storctl -n '__storctl_at "object list"' -l limit -x -d 'Stop after N entries'
complete -c storctl -n '__storctl_at "object list"' -l marker -x -d 'Start after this object name'
complete -c storctl -n '__storctl_at "object list"' -l end-marker -x -d 'Stop before this object name'
complete -c storctl -n '__storctl_at "object list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "object set"' -s m -l meta -x -d 'Set a metadata item (repeatable)'
complete -c storctl -n '__storctl_at "object set"' -l remove-meta -x -d 'Remove a metadata item (repeatable)'
complete -c storctl -n '__storctl_at "object set"' -l clear-meta -d 'Drop all existing metadata first'
complete -c storctl -n '__storctl_at "object set"' -l content-type -x -d 'New content type'
complete -c storctl -n '__storctl_at "object set"' -s H -l header -x -d 'Set a header, e.g. "Cache-Control: max-age=300" or "X-Object-Manifest: segs/big.iso/" (repeatable; "NAME:" removes)'
complete -c storctl -n '__storctl_at "object set"' -l delete-after -x -d 'Expire the object after this long (e.g. 3600, 12h, 7d)'
complete -c storctl -n '__storctl_at "object set"' -l delete-at -x -d 'Expire the object at this time (Unix seconds or ISO 8601)'
complete -c storctl -n '__storctl_at "object set"' -l remove-delete-at -d 'Cancel a scheduled expiry'
complete -c storctl -n '__storctl_at "object tempurl"' -l method -x -a 'GET HEAD PUT POST DELETE' -d 'HTTP method the URL allows'
complete -c storctl -n '__storctl_at "object tempurl"' -l expires -x -d 'Valid for this long (e.g. 600, 30m, 12h, 7d; default 1h)'
complete -c storctl -n '__storctl_at "object tempurl"' -l expires-at -x -d 'Valid until this time (Unix seconds or ISO 8601)'
complete -c storctl -n '__storctl_at "object tempurl"' -l key -x -d 'Temp-URL key (default: the container\'s, else the account\'s)'
complete -c storctl -n '__storctl_at "object tempurl"' -l digest -x -a 'sha1 sha256 sha512' -d 'HMAC digest'
complete -c storctl -n '__storctl_at "object tempurl"' -l prefix -d 'Sign every object whose name starts with OBJECT'
complete -c storctl -n '__storctl_at "object tempurl"' -l filename -x -d 'File name browsers save the download as'
complete -c storctl -n '__storctl_at "object tempurl"' -l inline -d 'Ask browsers to show the object rather than save it'
complete -c storctl -n '__storctl_at "object upload"' -l name -x -d 'Object name (one file or stdin), or name prefix replacing a directory path'
complete -c storctl -n '__storctl_at "object upload"' -s S -l segment-size -x -d 'Upload files larger than SIZE as large objects in SIZE segments (e.g. 100M = 100 MiB, or bytes)'
complete -c storctl -n '__storctl_at "object upload"' -l segment-threshold -x -d 'Without --segment-size: segment files larger than SIZE (default 512M)'
complete -c storctl -n '__storctl_at "object upload"' -l segment-container -x -d 'Container for segments (default CONTAINER_segments)'
complete -c storctl -n '__storctl_at "object upload"' -l dlo -d 'Make dynamic large objects (X-Object-Manifest, as swift upload -S does) instead of static ones'
complete -c storctl -n '__storctl_at "object upload"' -l concurrency -x -d 'Requests in flight at once (default: 4 objects; 2 segments of one large object)'
complete -c storctl -n '__storctl_at "object upload"' -l skip-identical -d 'Skip files whose MD5 matches the object already there'
complete -c storctl -n '__storctl_at "object upload"' -l leave-segments -d 'Keep the segments of a large object that gets overwritten'
complete -c storctl -n '__storctl_at "object upload"' -s m -l meta -x -d 'Set a metadata item (repeatable)'
complete -c storctl -n '__storctl_at "object upload"' -l content-type -x -d 'Content type (default: from the file extension)'
complete -c storctl -n '__storctl_at "object upload"' -l delete-after -x -d 'Expire the objects after this long (e.g. 3600, 12h, 7d)'
complete -c storctl -n '__storctl_at "object upload"' -l delete-at -x -d 'Expire the objects at this time (Unix seconds or ISO 8601)'
complete -c storctl -n '__storctl_at "object upload"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_arg "object upload" -ge 1' -F -d 'Files, directories, or - for stdin'
complete -c storctl -n '__storctl_at "pool list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "pool show"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "profile add"' -l backend -x -a 'openstack swift openstorage kumoscale' -d 'Which API the profile drives'
complete -c storctl -n '__storctl_at "profile add"' -l use -d 'Make it the current profile'
complete -c storctl -n '__storctl_at "profile add"' -l from-env -d 'Capture OS_* / ST_* variables from the environment'
complete -c storctl -n '__storctl_arg "profile explain" -eq 0' -a '(__storctl_profiles)' -d 'Profile name (default: the current profile)'
complete -c storctl -n '__storctl_arg "profile remove" -eq 0' -a '(__storctl_profiles)' -d 'Profile name'
complete -c storctl -n '__storctl_at "profile set"' -l unset -x -d 'Remove a setting (repeatable)'
complete -c storctl -n '__storctl_at "profile set"' -l password -d 'Ask for the password and keep it in the keyring (a 0600 file under the data dir without one)'
complete -c storctl -n '__storctl_at "profile set"' -l password-stdin -d 'Read the password from stdin and keep it in the keyring (or the file store)'
complete -c storctl -n '__storctl_at "profile set"' -l token-stdin -d 'Read a bearer token from stdin and keep it in the keyring (or the file store)'
complete -c storctl -n '__storctl_arg "profile set" -eq 0' -a '(__storctl_profiles)' -d 'Profile name'
complete -c storctl -n '__storctl_arg "profile show" -eq 0' -a '(__storctl_profiles)' -d 'Profile name (default: the current profile)'
complete -c storctl -n '__storctl_arg "profile use" -eq 0' -a '(__storctl_profiles)' -d 'Profile name'
complete -c storctl -n '__storctl_at "project list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "project show"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "quota set"' -l volumes -x -d 'Number of volumes'
complete -c storctl -n '__storctl_at "quota set"' -l snapshots -x -d 'Number of snapshots'
complete -c storctl -n '__storctl_at "quota set"' -l gigabytes -x -d 'GiB of volumes and snapshots'
complete -c storctl -n '__storctl_at "quota set"' -l backups -x -d 'Number of backups'
complete -c storctl -n '__storctl_at "quota set"' -l backup-gigabytes -x -d 'GiB of backups'
complete -c storctl -n '__storctl_at "quota set"' -l per-volume-gigabytes -x -d 'Largest volume'
complete -c storctl -n '__storctl_at "quota set"' -l groups -x -d 'Number of volume groups'
complete -c storctl -n '__storctl_at "quota set"' -l volume-type -x -d 'Apply --volumes/--snapshots/--gigabytes to this volume type'
complete -c storctl -n '__storctl_at "quota show"' -l default -d 'Show the default quotas instead'
complete -c storctl -n '__storctl_at "replica add"' -l rack -x -d 'Place replicas only in this rack (repeatable)'
complete -c storctl -n '__storctl_at "replica add"' -l zone -x -d 'Place replicas only in this zone (repeatable)'
complete -c storctl -n '__storctl_at "replica add"' -l same-rack-allowed -d 'Allow two replicas in the same rack'
complete -c storctl -n '__storctl_at "replica add"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "replica add"' -l wait -d 'Wait until the change has settled (tasks ended, replicas Available)'
complete -c storctl -n '__storctl_at "replica add"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "replica delete"' -l purge -d 'Also confirm the removal on the host\'s behalf (skips the host cleanup)'
complete -c storctl -n '__storctl_at "replica delete"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "replica delete"' -l wait -d 'Wait until the replica is gone'
complete -c storctl -n '__storctl_at "replica list"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "replica list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "replica migrate"' -l replica -x -d 'The replica to move (its UUID or its backend\'s ID; default: the provisioner picks)'
complete -c storctl -n '__storctl_at "replica migrate"' -l to -x -d 'Destination backend (ID or management IP; unconfirmed field, a provisioner may choose itself)'
complete -c storctl -n '__storctl_at "replica migrate"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "replica migrate"' -l wait -d 'Wait until the change has settled (tasks ended, replicas Available)'
complete -c storctl -n '__storctl_at "replica migrate"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "rpc"' -s d -l data -x -d 'Request message (default {})'
complete -c storctl -n '__storctl_at "rpc"' -s n -l count -x -d 'Streaming RPCs: stop after N messages'
complete -c storctl -n '__storctl_at "snapshot create"' -l volume -x -d 'Volume to snapshot (UUID or alias)'
complete -c storctl -n '__storctl_at "snapshot create"' -l reserved-space -x -d 'Share of the volume reserved for changes'
complete -c storctl -n '__storctl_at "snapshot create"' -l id -x -d 'ID of the new snapshot (default: generated)'
complete -c storctl -n '__storctl_at "snapshot create"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "snapshot create"' -l wait -d 'Wait until the snapshot is listed'
complete -c storctl -n '__storctl_at "snapshot create"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "snapshot create"' -l name -x -d 'Snapshot name; the argument is then the volume'
complete -c storctl -n '__storctl_at "snapshot create"' -l description -x -d 'Description'
complete -c storctl -n '__storctl_at "snapshot create"' -l property -x -d 'Metadata (repeatable)'
complete -c storctl -n '__storctl_at "snapshot create"' -l force -d 'Snapshot an attached (in-use) volume too'
complete -c storctl -n '__storctl_at "snapshot create"' -s l -l label -x -d 'Label (repeatable)'
complete -c storctl -n '__storctl_at "snapshot delete"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "snapshot delete"' -l wait -d 'Wait until the snapshots are gone'
complete -c storctl -n '__storctl_at "snapshot delete"' -l force -d 'Delete regardless of state (admin)'
complete -c storctl -n '__storctl_at "snapshot list"' -l volume -x -d 'Only snapshots of this volume (UUID or alias)'
complete -c storctl -n '__storctl_at "snapshot list"' -l name -x -d 'Only snapshots with exactly this alias'
complete -c storctl -n '__storctl_at "snapshot list"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "snapshot list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "snapshot list"' -l all-projects -d 'Snapshots of every project (admin)'
complete -c storctl -n '__storctl_at "snapshot list"' -l status -x -d 'Only snapshots in this status'
complete -c storctl -n '__storctl_at "snapshot list"' -l limit -x -d 'List at most N snapshots'
complete -c storctl -n '__storctl_at "snapshot list"' -s l -l label -x -d 'Only snapshots with this label (repeatable)'
complete -c storctl -n '__storctl_at "snapshot schedule list"' -l volume -x -d 'Only the schedules this volume follows'
complete -c storctl -n '__storctl_at "snapshot schedule remove"' -l volume -x -d 'Only take the schedule off this volume (repeatable)'
complete -c storctl -n '__storctl_at "snapshot schedule set"' -l periodic -x -d 'Every DURATION (3600, 30m, 6h, 1d; repeatable)'
complete -c storctl -n '__storctl_at "snapshot schedule set"' -l daily -x -d 'Every day at HH:MM (repeatable)'
complete -c storctl -n '__storctl_at "snapshot schedule set"' -l weekly -x -d 'Every week, e.g. sunday@02:00 (repeatable)'
complete -c storctl -n '__storctl_at "snapshot schedule set"' -l monthly -x -d 'Every month on day 1-28, e.g. 1@03:00 (repeatable)'
complete -c storctl -n '__storctl_at "snapshot schedule set"' -l retain -x -d 'Snapshots to keep per interval'
complete -c storctl -n '__storctl_at "snapshot schedule set"' -l volume -x -d 'Apply the schedule to this volume (repeatable)'
complete -c storctl -n '__storctl_at "snapshot set"' -l name -x -d 'New name'
complete -c storctl -n '__storctl_at "snapshot set"' -l description -x -d 'New description'
complete -c storctl -n '__storctl_at "snapshot set"' -l property -x -d 'Add or change metadata (repeatable)'
complete -c storctl -n '__storctl_at "snapshot set"' -l clear-properties -d 'Remove all metadata first (then add --property ones)'
complete -c storctl -n '__storctl_at "snapshot set"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "snapshot show"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "snapshot show"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "syslog set"' -l url -x -d 'Where to send, e.g. udp://10.0.0.9:514 or tcp://logs:6514'
complete -c storctl -n '__storctl_at "syslog set"' -l tls -d 'Use TLS to the syslog server'
complete -c storctl -n '__storctl_at "syslog set"' -l cert-file -x -d 'Certificate file name known to the provisioner (with --tls)'
complete -c storctl -n '__storctl_at "syslog set"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "syslog show"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "target list"' -l host -x -d 'Host UUID or name'
complete -c storctl -n '__storctl_at "target list"' -l volume -x -d 'Volume UUID or alias'
complete -c storctl -n '__storctl_at "target list"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "target list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "task list"' -l host -x -d 'Only tasks of this host (UUID or name)'
complete -c storctl -n '__storctl_at "task list"' -l running -d 'Only tasks that have not ended'
complete -c storctl -n '__storctl_at "task list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "task show"' -l wait -d 'Wait until the task has ended'
complete -c storctl -n '__storctl_at "tenant create"' -l capacity -x -d 'Capacity budget, e.g. 2TB'
complete -c storctl -n '__storctl_at "tenant create"' -l iops -x -d 'IOPS budget'
complete -c storctl -n '__storctl_at "tenant create"' -l bandwidth -x -d 'Bandwidth budget per second, e.g. 2GB'
complete -c storctl -n '__storctl_at "tenant create"' -l id -x -d 'Tenant ID to use (default: a new UUID)'
complete -c storctl -n '__storctl_at "tenant update"' -l capacity -x -d 'New capacity budget, e.g. 3TB'
complete -c storctl -n '__storctl_at "tenant update"' -l iops -x -d 'New IOPS budget'
complete -c storctl -n '__storctl_at "tenant update"' -l bandwidth -x -d 'New bandwidth budget per second, e.g. 4GB'
complete -c storctl -n '__storctl_at "tenant update"' -l name -x -d 'New name'
complete -c storctl -n '__storctl_at "volume clone"' -l size -x -d 'Size of the clone with a unit (default: the source\'s)'
complete -c storctl -n '__storctl_at "volume clone"' -l reserved-space -x -d 'Share of the capacity reserved (thin clones)'
complete -c storctl -n '__storctl_at "volume clone"' -l id -x -d 'UUID of the clone (default: generated)'
complete -c storctl -n '__storctl_at "volume clone"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "volume clone"' -l wait -d 'Wait until the change has settled (tasks ended, replicas Available)'
complete -c storctl -n '__storctl_at "volume clone"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume clone"' -s l -l label -x -d 'Extra label on the clone (repeatable)'
complete -c storctl -n '__storctl_at "volume create"' -l size -x -d 'Size with a unit, e.g. 100GB or 10GiB'
complete -c storctl -n '__storctl_at "volume create"' -l snapshot -x -d 'Create a snapshot volume from this snapshot (ID or alias)'
complete -c storctl -n '__storctl_at "volume create"' -l source -x -d 'Clone this volume (UUID or alias)'
complete -c storctl -n '__storctl_at "volume create"' -l read-only -d 'With --snapshot: a read-only snapshot volume'
complete -c storctl -n '__storctl_at "volume create"' -l thin -d 'Thin provisioning (default thick)'
complete -c storctl -n '__storctl_at "volume create"' -l reserved-space -x -d 'Share of the capacity reserved (thin volumes, writable snapshot volumes, clones)'
complete -c storctl -n '__storctl_at "volume create"' -l replicas -x -d 'Number of replicas (storageClass.numReplicas, default 1)'
complete -c storctl -n '__storctl_at "volume create"' -l rack -x -d 'Place replicas only in this rack (repeatable)'
complete -c storctl -n '__storctl_at "volume create"' -l zone -x -d 'Place replicas only in this zone (repeatable)'
complete -c storctl -n '__storctl_at "volume create"' -l same-rack-allowed -d 'Allow two replicas in the same rack'
complete -c storctl -n '__storctl_at "volume create"' -l allow-span -d 'Let the volume span several SSDs of a backend (storageClass.allowSpan)'
complete -c storctl -n '__storctl_at "volume create"' -l block-size -x -d 'Block size: 4096 (default) or 512'
complete -c storctl -n '__storctl_at "volume create"' -l max-iops-per-gb -x -d 'QoS: IOPS limit per GB (0 = unlimited)'
complete -c storctl -n '__storctl_at "volume create"' -l desired-iops-per-gb -x -d 'QoS: guaranteed IOPS per GB (0 = none)'
complete -c storctl -n '__storctl_at "volume create"' -l max-bw-per-gb -x -d 'QoS: bandwidth limit per GB (unit as the provisioner defines it; 0 = unlimited)'
complete -c storctl -n '__storctl_at "volume create"' -l desired-bw-per-gb -x -d 'QoS: guaranteed bandwidth per GB (0 = none)'
complete -c storctl -n '__storctl_at "volume create"' -l max-replica-down-time -x -d 'Replace a replica missing this long (0 = never)'
complete -c storctl -n '__storctl_at "volume create"' -l host-id -x -d 'Place on the storage inside this host (hyperconverged)'
complete -c storctl -n '__storctl_at "volume create"' -l storage-class-name -x -d 'Storage class name (storageClass.name)'
complete -c storctl -n '__storctl_at "volume create"' -l id -x -d 'UUID of the new volume (default: generated)'
complete -c storctl -n '__storctl_at "volume create"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "volume create"' -l wait -d 'Wait until the change has settled (tasks ended, replicas Available)'
complete -c storctl -n '__storctl_at "volume create"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume create"' -l type -x -d 'Volume type name or ID'
complete -c storctl -n '__storctl_at "volume create"' -l availability-zone -x -d 'Availability zone'
complete -c storctl -n '__storctl_at "volume create"' -l description -x -d 'Description'
complete -c storctl -n '__storctl_at "volume create"' -l property -x -d 'Metadata (repeatable)'
complete -c storctl -n '__storctl_at "volume create"' -l image -x -d 'Create from this Glance image'
complete -c storctl -n '__storctl_at "volume create"' -l bootable -d 'Mark the volume bootable'
complete -c storctl -n '__storctl_at "volume create"' -l ha-level -x -d 'Same as --replicas (the SDK\'s name)'
complete -c storctl -n '__storctl_at "volume create"' -l replica-node -x -d 'Put a replica on this node (repeatable)'
complete -c storctl -n '__storctl_at "volume create"' -s l -l label -x -d 'Label (repeatable)'
complete -c storctl -n '__storctl_at "volume create"' -l shared -d 'Shared volume (attachable on several nodes)'
complete -c storctl -n '__storctl_at "volume create"' -l sharedv4 -d 'Sharedv4 (NFS-exported) volume'
complete -c storctl -n '__storctl_at "volume create"' -l io-profile -x -a 'sequential random db db_remote cms sync_shared auto none journal auto_journal' -d 'IO profile'
complete -c storctl -n '__storctl_at "volume create"' -l fs -x -a 'none btrfs ext4 fuse nfs vfs xfs zfs xfsv2' -d 'Filesystem to format with'
complete -c storctl -n '__storctl_at "volume create"' -l cos -x -a 'low medium high' -d 'Class of service'
complete -c storctl -n '__storctl_at "volume create"' -l owner -x -d 'Create on behalf of this user (system.admin only)'
complete -c storctl -n '__storctl_at "volume delete"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "volume delete"' -l wait -d 'Wait until the volumes are gone'
complete -c storctl -n '__storctl_at "volume delete"' -l force -d 'Delete regardless of state (admin; os-force_delete)'
complete -c storctl -n '__storctl_at "volume delete"' -l cascade -d 'Delete the volume\'s snapshots too'
complete -c storctl -n '__storctl_at "volume detach"' -l unmount -d 'Unmount it first if it is mounted'
complete -c storctl -n '__storctl_at "volume detach"' -l force -d 'Detach even if in use'
complete -c storctl -n '__storctl_at "volume extend"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "volume extend"' -l wait -d 'Wait until the change has settled (tasks ended, replicas Available)'
complete -c storctl -n '__storctl_at "volume extend"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume list"' -l name -x -d 'Only volumes with exactly this alias'
complete -c storctl -n '__storctl_at "volume list"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "volume list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume list"' -l all-projects -d 'Volumes of every project (admin)'
complete -c storctl -n '__storctl_at "volume list"' -l status -x -d 'Only volumes in this status (available, in-use, error…)'
complete -c storctl -n '__storctl_at "volume list"' -l limit -x -d 'List at most N volumes'
complete -c storctl -n '__storctl_at "volume list"' -s l -l label -x -d 'Only volumes with this label (repeatable; all must match)'
complete -c storctl -n '__storctl_at "volume list"' -l owner -x -d 'Only volumes owned by this user'
complete -c storctl -n '__storctl_at "volume list"' -l all -d 'Include snapshots'
complete -c storctl -n '__storctl_at "volume migrate"' -l replica -x -d 'The replica to move (its UUID or its backend\'s ID; default: the provisioner picks)'
complete -c storctl -n '__storctl_at "volume migrate"' -l to -x -d 'Destination backend (ID or management IP; unconfirmed field, a provisioner may choose itself)'
complete -c storctl -n '__storctl_at "volume migrate"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "volume migrate"' -l wait -d 'Wait until the change has settled (tasks ended, replicas Available)'
complete -c storctl -n '__storctl_at "volume migrate"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume publish"' -l host -x -d 'Host UUID or name'
complete -c storctl -n '__storctl_at "volume publish"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "volume publish"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume retype"' -l migration-policy -x -a 'never on-demand' -d 'Whether Cinder may migrate the data (default never)'
complete -c storctl -n '__storctl_at "volume retype"' -l wait -d 'Wait until the retype finished'
complete -c storctl -n '__storctl_at "volume retype"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume service list"' -l host -x -d 'Only services on this host'
complete -c storctl -n '__storctl_at "volume service list"' -l service -x -d 'Only this binary (cinder-volume, cinder-scheduler, cinder-backup)'
complete -c storctl -n '__storctl_at "volume service list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume set"' -l name -x -d 'New name'
complete -c storctl -n '__storctl_at "volume set"' -l description -x -d 'New description'
complete -c storctl -n '__storctl_at "volume set"' -l property -x -d 'Add or change metadata (repeatable)'
complete -c storctl -n '__storctl_at "volume set"' -l unset-property -x -d 'Remove a metadata key (repeatable)'
complete -c storctl -n '__storctl_at "volume set"' -l clear-properties -d 'Remove all metadata first (then add --property ones)'
complete -c storctl -n '__storctl_at "volume set"' -l bootable -d 'Mark bootable'
complete -c storctl -n '__storctl_at "volume set"' -l non-bootable -d 'Mark not bootable'
complete -c storctl -n '__storctl_at "volume set"' -l read-only -d 'Attach read-only from now on'
complete -c storctl -n '__storctl_at "volume set"' -l read-write -d 'Attach read-write from now on'
complete -c storctl -n '__storctl_at "volume set"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume show"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "volume show"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume type create"' -l description -x -d 'Description'
complete -c storctl -n '__storctl_at "volume type create"' -l property -x -d 'Extra spec (repeatable)'
complete -c storctl -n '__storctl_at "volume type create"' -l private -d 'Visible only to admins and projects given access'
complete -c storctl -n '__storctl_at "volume type create"' -l public -d 'Visible to every project (default)'
complete -c storctl -n '__storctl_at "volume type create"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume type list"' -l all -d 'Include private types (admin)'
complete -c storctl -n '__storctl_at "volume type list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume type show"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume unpublish"' -l host -x -d 'Host UUID or name'
complete -c storctl -n '__storctl_at "volume unpublish"' -l tenant -x -d 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"'
complete -c storctl -n '__storctl_at "volume update"' -s s -l size -x -d 'New size (larger than the current one)'
complete -c storctl -n '__storctl_at "volume update"' -l replicas -x -d 'New number of copies of the data (the SDK\'s HA level, 1-3)'
complete -c storctl -n '__storctl_at "volume update"' -l ha-level -x -d 'Same as --replicas (the SDK\'s name)'
complete -c storctl -n '__storctl_at "volume update"' -s l -l label -x -d 'Set a label; KEY= removes it (repeatable)'
complete -c storctl -n '__storctl_at "volume update"' -l shared -x -a 'true false' -d 'Make the volume shared or not'
complete -c storctl -n '__storctl_at "volume update"' -l io-profile -x -a 'sequential random db db_remote cms sync_shared auto none journal auto_journal' -d 'New IO profile'
complete -c storctl -n '__storctl_at "volume update"' -l cos -x -a 'low medium high' -d 'New class of service'
complete -c storctl -n '__storctl_at "volume update"' -l owner -x -d 'Give the volume to this user (owner or admin only)'
complete -c storctl -n '__storctl_at "watch volumes"' -s l -l label -x -d 'Only volumes with this label (repeatable)'
complete -c storctl -n '__storctl_at "watch volumes"' -s n -l count -x -d 'Stop after N events'
complete -c storctl -n '__storctl_at "watch volumes"' -l long -d 'Show more columns'
