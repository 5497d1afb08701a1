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
            printf '%s\n' 'api' 'auth' 'catalog' 'completion' 'profile' 'sandbox' 'volume'
        case 'auth'
            printf '%s\n' 'login' 'logout' 'status' 'token'
        case 'catalog'
            printf '%s\n' 'list' 'show'
        case 'profile'
            printf '%s\n' 'add' 'explain' 'list' 'remove' 'set' 'show' 'use'
        case 'sandbox'
            printf '%s\n' 'demo' 'start' 'status' 'stop'
        case 'volume'
            printf '%s\n' 'create' 'delete' 'extend' 'list' 'retype' 'set' 'show'
        case '*'
            return 1
    end
end

function __storctl_is_command --argument-names path
    switch "$path"
        case 'api' 'auth login' 'auth logout' 'auth status' 'auth token' 'catalog list'
            return 0
        case 'catalog show' 'completion' 'profile add' 'profile explain' 'profile list' 'profile remove'
            return 0
        case 'profile set' 'profile show' 'profile use' 'sandbox demo' 'sandbox start' 'sandbox status'
            return 0
        case 'sandbox stop' 'volume create' 'volume delete' 'volume extend' 'volume list' 'volume retype'
            return 0
        case 'volume set' 'volume show'
            return 0
    end
    return 1
end

# Succeeds when option $argv[2] takes a value after the words $argv[1].
function __storctl_takes_value --argument-names path opt
    switch "$path"
        case 'api'
            contains -- $opt --service -d --data -H --header; and return 0
            contains -- $opt -i --include; and return 1
        case 'auth logout'
            contains -- $opt --revoke; and return 1
        case 'profile add'
            contains -- $opt --backend; and return 0
            contains -- $opt --use --from-env; and return 1
        case 'profile set'
            contains -- $opt --unset; and return 0
            contains -- $opt --password --password-stdin --token-stdin; and return 1
        case 'volume create'
            contains -- $opt --size --type --availability-zone --description --property --snapshot --source --image; and return 0
            contains -- $opt --bootable --wait --long; and return 1
        case 'volume delete'
            contains -- $opt --force --cascade --wait; and return 1
        case 'volume extend'
            contains -- $opt --wait --long; and return 1
        case 'volume list'
            contains -- $opt --status --name --limit; and return 0
            contains -- $opt --all-projects --all-tenants --long; and return 1
        case 'volume retype'
            contains -- $opt --migration-policy; and return 0
            contains -- $opt --wait --long; and return 1
        case 'volume set'
            contains -- $opt --name --description --property --unset-property; and return 0
            contains -- $opt --clear-properties --bootable --non-bootable --read-only --read-write --long; and return 1
        case 'volume show'
            contains -- $opt --long; and return 1
    end
    contains -- $opt -p --profile --os-cloud -o --output --format -f -c --column --sort --trace-file --timeout --cacert --region --os-region-name --endpoint --transport --os-volume-api-version
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
        case 'auth login'
            printf '%s\n' 'profile' 'auth_type' 'auth_url' 'user' 'project' 'project_id' 'roles' 'expires_at' 'storage_url'
        case 'auth logout'
            printf '%s\n' 'profile' 'dropped' 'revoked'
        case 'auth status'
            printf '%s\n' 'profile' 'auth_type' 'auth_url' 'user' 'project' 'project_id' 'roles' 'expires_at' 'storage_url' 'token_cached' 'token_store' 'credentials'
        case 'auth token'
            printf '%s\n' 'token' 'expires_at' 'auth_type' 'storage_url' 'project_id'
        case 'catalog list'
            printf '%s\n' 'name' 'type' 'endpoints'
        case 'catalog show'
            printf '%s\n' 'name' 'type' 'endpoints'
        case 'profile explain'
            printf '%s\n' 'setting' 'value' 'source'
        case 'profile list'
            printf '%s\n' 'current' 'name' 'backend' 'auth_type' 'endpoint'
        case 'sandbox start'
            printf '%s\n' 'name' 'description'
        case 'sandbox status'
            printf '%s\n' 'service' 'address'
        case 'volume create'
            printf '%s\n' 'id' 'name' 'status' 'size' 'attachments' 'volume_type' 'bootable' 'availability_zone' 'metadata' 'os-vol-tenant-attr:tenant_id' 'created_at'
        case 'volume extend'
            printf '%s\n' 'id' 'name' 'status' 'size' 'attachments' 'volume_type' 'bootable' 'availability_zone' 'metadata' 'os-vol-tenant-attr:tenant_id' 'created_at'
        case 'volume list'
            printf '%s\n' 'id' 'name' 'status' 'size' 'attachments' 'volume_type' 'bootable' 'availability_zone' 'metadata' 'os-vol-tenant-attr:tenant_id' 'created_at'
        case 'volume retype'
            printf '%s\n' 'id' 'name' 'status' 'size' 'attachments' 'volume_type' 'bootable' 'availability_zone' 'metadata' 'os-vol-tenant-attr:tenant_id' 'created_at'
        case 'volume set'
            printf '%s\n' 'id' 'name' 'status' 'size' 'attachments' 'volume_type' 'bootable' 'availability_zone' 'metadata' 'os-vol-tenant-attr:tenant_id' 'created_at'
        case 'volume show'
            printf '%s\n' 'id' 'name' 'status' 'size' 'attachments' 'volume_type' 'bootable' 'availability_zone' 'metadata' 'os-vol-tenant-attr:tenant_id' 'created_at'
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
complete -c storctl -l debug -d 'Trace every request and response on stderr (secrets redacted)'
complete -c storctl -l trace-file -r -F -d 'Append the same trace as JSON lines to FILE'
complete -c storctl -l timeout -x -d 'Give up on a request after this long'
complete -c storctl -l insecure -d 'Do not verify TLS certificates (test servers only)'
complete -c storctl -l cacert -r -F -d 'CA bundle to verify the server with'
complete -c storctl -l region -x -d 'OpenStack region (env OS_REGION_NAME)'
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
complete -c storctl -n '__storctl_at ""' -a 'api' -d 'Send an authenticated request to the profile\'s API'
complete -c storctl -n '__storctl_at ""' -a 'auth' -d 'Log in, show credentials and tokens, log out'
complete -c storctl -n '__storctl_at ""' -a 'catalog' -d 'OpenStack service catalog'
complete -c storctl -n '__storctl_at ""' -a 'completion' -d 'Print the shell completion script for bash, zsh or fish'
complete -c storctl -n '__storctl_at ""' -a 'profile' -d 'Named connection profiles (~/.config/storctl/config.yaml)'
complete -c storctl -n '__storctl_at ""' -a 'sandbox' -d 'Embedded simulators of every backend, for trying storctl'
complete -c storctl -n '__storctl_at ""' -a 'volume' -d 'Block volumes (Cinder, OpenStorage, KumoScale)'
complete -c storctl -n '__storctl_at "auth"' -a 'login' -d 'Authenticate now and cache the token'
complete -c storctl -n '__storctl_at "auth"' -a 'logout' -d 'Drop the cached token (and revoke it with --revoke)'
complete -c storctl -n '__storctl_at "auth"' -a 'status' -d 'Show identity, scope, expiry and where credentials live (offline)'
complete -c storctl -n '__storctl_at "auth"' -a 'token' -d 'Print a valid token for scripts'
complete -c storctl -n '__storctl_at "catalog"' -a 'list' -d 'List the OpenStack service catalog'
complete -c storctl -n '__storctl_at "catalog"' -a 'show' -d 'Show one service of the catalog by type or name'
complete -c storctl -n '__storctl_at "profile"' -a 'add' -d 'Create a profile'
complete -c storctl -n '__storctl_at "profile"' -a 'explain' -d 'Show every effective setting and where it came from'
complete -c storctl -n '__storctl_at "profile"' -a 'list' -d 'List the configured profiles'
complete -c storctl -n '__storctl_at "profile"' -a 'remove' -d 'Delete a profile'
complete -c storctl -n '__storctl_at "profile"' -a 'set' -d 'Change settings of a profile'
complete -c storctl -n '__storctl_at "profile"' -a 'show' -d 'Show the settings stored in a profile (secrets masked)'
complete -c storctl -n '__storctl_at "profile"' -a 'use' -d 'Make a profile the current one'
complete -c storctl -n '__storctl_at "sandbox"' -a 'demo' -d 'Start the simulators, run a short tour of real commands, and stop'
complete -c storctl -n '__storctl_at "sandbox"' -a 'start' -d 'Start the simulators in the background and write sandbox-* profiles'
complete -c storctl -n '__storctl_at "sandbox"' -a 'status' -d 'Show whether the sandbox runs and where each simulator listens'
complete -c storctl -n '__storctl_at "sandbox"' -a 'stop' -d 'Stop the simulators and remove the sandbox-* profiles'
complete -c storctl -n '__storctl_at "volume"' -a 'create' -d 'Create a Cinder volume'
complete -c storctl -n '__storctl_at "volume"' -a 'delete' -d 'Delete Cinder volumes'
complete -c storctl -n '__storctl_at "volume"' -a 'extend' -d 'Grow a Cinder volume'
complete -c storctl -n '__storctl_at "volume"' -a 'list' -d 'List Cinder volumes'
complete -c storctl -n '__storctl_at "volume"' -a 'retype' -d 'Change a Cinder volume\'s type'
complete -c storctl -n '__storctl_at "volume"' -a 'set' -d 'Change a Cinder volume\'s name, description, metadata or flags'
complete -c storctl -n '__storctl_at "volume"' -a 'show' -d 'Show one Cinder volume'

# Options and arguments of each command
complete -c storctl -n '__storctl_at "api"' -l service -x -d 'OpenStack catalog service type (volumev3, compute, object-store, identity…)'
complete -c storctl -n '__storctl_at "api"' -s d -l data -x -d 'Request body: inline, from a file, or from stdin'
complete -c storctl -n '__storctl_at "api"' -s H -l header -x -d 'Extra request header (repeatable)'
complete -c storctl -n '__storctl_at "api"' -s i -l include -d 'Print the status line and response headers first'
complete -c storctl -n '__storctl_arg "api" -eq 0' -a 'GET HEAD POST PUT PATCH DELETE COPY OPTIONS' -d 'HTTP method'
complete -c storctl -n '__storctl_at "auth logout"' -l revoke -d 'Also revoke the token on the server (Keystone v3)'
complete -c storctl -n '__storctl_arg "completion" -eq 0' -a 'bash zsh fish' -d 'Shell to print the script for'
complete -c storctl -n '__storctl_at "profile add"' -l backend -x -a 'openstack swift openstorage kumoscale' -d 'Which API the profile drives'
complete -c storctl -n '__storctl_at "profile add"' -l use -d 'Make it the current profile'
complete -c storctl -n '__storctl_at "profile add"' -l from-env -d 'Capture OS_* / ST_* variables from the environment'
complete -c storctl -n '__storctl_arg "profile explain" -eq 0' -a '(__storctl_profiles)' -d 'Profile name (default: the current profile)'
complete -c storctl -n '__storctl_arg "profile remove" -eq 0' -a '(__storctl_profiles)' -d 'Profile name'
complete -c storctl -n '__storctl_at "profile set"' -l unset -x -d 'Remove a setting (repeatable)'
complete -c storctl -n '__storctl_at "profile set"' -l password -d 'Ask for the password and keep it in the keyring (file store without one)'
complete -c storctl -n '__storctl_at "profile set"' -l password-stdin -d 'Read the password from stdin and keep it in the keyring'
complete -c storctl -n '__storctl_at "profile set"' -l token-stdin -d 'Read a bearer token from stdin and keep it in the keyring'
complete -c storctl -n '__storctl_arg "profile set" -eq 0' -a '(__storctl_profiles)' -d 'Profile name'
complete -c storctl -n '__storctl_arg "profile show" -eq 0' -a '(__storctl_profiles)' -d 'Profile name (default: the current profile)'
complete -c storctl -n '__storctl_arg "profile use" -eq 0' -a '(__storctl_profiles)' -d 'Profile name'
complete -c storctl -n '__storctl_at "volume create"' -l size -x -d 'Size in GiB (default: the size of the snapshot or source volume)'
complete -c storctl -n '__storctl_at "volume create"' -l type -x -d 'Volume type name or ID'
complete -c storctl -n '__storctl_at "volume create"' -l availability-zone -x -d 'Availability zone'
complete -c storctl -n '__storctl_at "volume create"' -l description -x -d 'Description'
complete -c storctl -n '__storctl_at "volume create"' -l property -x -d 'Metadata (repeatable)'
complete -c storctl -n '__storctl_at "volume create"' -l snapshot -x -d 'Create from this snapshot (name or ID)'
complete -c storctl -n '__storctl_at "volume create"' -l source -x -d 'Clone this volume (name or ID)'
complete -c storctl -n '__storctl_at "volume create"' -l image -x -d 'Create from this Glance image'
complete -c storctl -n '__storctl_at "volume create"' -l bootable -d 'Mark the volume bootable'
complete -c storctl -n '__storctl_at "volume create"' -l wait -d 'Wait until the volume is available'
complete -c storctl -n '__storctl_at "volume create"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume delete"' -l force -d 'Delete regardless of state (admin; os-force_delete)'
complete -c storctl -n '__storctl_at "volume delete"' -l cascade -d 'Delete the volume\'s snapshots too'
complete -c storctl -n '__storctl_at "volume delete"' -l wait -d 'Wait until the volumes are gone'
complete -c storctl -n '__storctl_at "volume extend"' -l wait -d 'Wait until the extension finished'
complete -c storctl -n '__storctl_at "volume extend"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume list"' -l all-projects -d 'Volumes of every project (admin)'
complete -c storctl -n '__storctl_at "volume list"' -l status -x -d 'Only volumes in this status (available, in-use, error…)'
complete -c storctl -n '__storctl_at "volume list"' -l name -x -d 'Only volumes with exactly this name'
complete -c storctl -n '__storctl_at "volume list"' -l limit -x -d 'List at most N volumes'
complete -c storctl -n '__storctl_at "volume list"' -l long -d 'Show more columns'
complete -c storctl -n '__storctl_at "volume retype"' -l migration-policy -x -a 'never on-demand' -d 'Whether Cinder may migrate the data (default never)'
complete -c storctl -n '__storctl_at "volume retype"' -l wait -d 'Wait until the retype finished'
complete -c storctl -n '__storctl_at "volume retype"' -l long -d 'Show more columns'
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
complete -c storctl -n '__storctl_at "volume show"' -l long -d 'Show more columns'
