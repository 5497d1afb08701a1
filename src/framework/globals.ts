// Options every command accepts, before or after the command words.
import type { FlagSpec } from './command.js';
import { OUTPUT_FORMATS } from '../output/types.js';

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'profile', short: 'p', type: 'string', valueName: 'NAME', description: 'Profile to use (env STORCTL_PROFILE; default: the current profile)' },
  { name: 'os-cloud', type: 'string', valueName: 'NAME', description: 'Take settings from this clouds.yaml cloud (env OS_CLOUD)' },
  { name: 'output', short: 'o', type: 'string', valueName: 'FORMAT', choices: OUTPUT_FORMATS, description: 'Output format', aliases: ['format', 'f'] },
  { name: 'column', short: 'c', type: 'list', valueName: 'NAME', description: 'Show only this column (repeatable; header or JSON key)' },
  { name: 'sort', type: 'string', valueName: 'KEY[:desc]', description: 'Sort rows by these columns (comma-separated)' },
  { name: 'no-headers', type: 'boolean', description: 'Omit the header row (table, csv)' },
  { name: 'csv-safe', type: 'boolean', description: "CSV: prefix cells starting with = + - @ (or TAB, CR) with ' so spreadsheets do not run them as formulas" },
  { name: 'debug', type: 'boolean', description: 'Trace every request and response on stderr (secrets redacted)' },
  { name: 'trace-file', type: 'string', valueName: 'FILE', description: 'Append the same trace as JSON lines to FILE', complete: 'file' },
  { name: 'timeout', type: 'number', valueName: 'SECONDS', description: 'Deadline of one API request (default 60; 0 = none; transfers use the stall rule instead)' },
  { name: 'connect-timeout', type: 'number', valueName: 'SECONDS', description: 'Give up connecting after this long (default 10)' },
  { name: 'retry-budget', type: 'number', valueName: 'SECONDS', description: 'Stop retrying failed requests after this long (default 30; 0 = no retries)' },
  { name: 'wait-timeout', type: 'string', valueName: 'DURATION', description: 'With --wait: give up waiting after this long (e.g. 90s, 10m, 1h; default 30m)' },
  { name: 'insecure', type: 'boolean', description: 'Do not verify TLS certificates (test servers only)' },
  { name: 'cacert', type: 'string', valueName: 'FILE', description: 'CA bundle to verify the server with', complete: 'file' },
  { name: 'region', type: 'string', valueName: 'NAME', description: 'OpenStack region (env OS_REGION_NAME)', aliases: ['os-region-name'] },
  { name: 'endpoint', type: 'string', valueName: 'URL', description: 'Override the service endpoint' },
  { name: 'transport', type: 'string', valueName: 'KIND', choices: ['grpc', 'rest'], description: 'OpenStorage transport' },
  { name: 'os-volume-api-version', type: 'string', valueName: 'VERSION', description: 'Cinder API (micro)version, e.g. 3.59 (env OS_VOLUME_API_VERSION)' },
  { name: 'no-cache', type: 'boolean', description: 'Do not read or write the token cache' },
  { name: 'yes', short: 'y', type: 'boolean', description: 'Answer yes to confirmations (destructive commands)' },
  { name: 'no-color', type: 'boolean', description: 'Never colour output (also NO_COLOR)' },
];
