// GET /info: the capabilities document (same sections and limits as Swift 2.30).

import { LISTING_LIMIT, MAX_CONTAINER_NAME, MAX_FILE_SIZE, MAX_META_COUNT, MAX_META_NAME, MAX_META_OVERALL, MAX_META_VALUE, MAX_OBJECT_NAME } from './common.js';
import { MAX_DELETES } from './bulk.js';
import { SLO_MAX_MANIFEST_SIZE, SLO_MAX_SEGMENTS, SLO_MIN_SEGMENT_SIZE } from './slo.js';
import { TEMPURL_METHODS } from './tempurl.js';
import { pyJson } from './util.js';

export function infoDocument(): string {
  return pyJson({
    swift: {
      version: '2.30.1',
      strict_cors_mode: true,
      policies: [{ name: 'Policy-0', aliases: 'Policy-0', default: true }],
      allow_account_management: true,
      account_autocreate: true,
      max_file_size: MAX_FILE_SIZE,
      max_meta_name_length: MAX_META_NAME,
      max_meta_value_length: MAX_META_VALUE,
      max_meta_count: MAX_META_COUNT,
      max_meta_overall_size: MAX_META_OVERALL,
      max_header_size: 8192,
      max_object_name_length: MAX_OBJECT_NAME,
      container_listing_limit: LISTING_LIMIT,
      account_listing_limit: LISTING_LIMIT,
      max_account_name_length: 256,
      max_container_name_length: MAX_CONTAINER_NAME,
      extra_header_count: 0,
    },
    versioned_writes: { allowed_flags: ['x-versions-location', 'x-history-location'] },
    slo: {
      max_manifest_segments: SLO_MAX_SEGMENTS,
      max_manifest_size: SLO_MAX_MANIFEST_SIZE,
      yield_frequency: 10,
      min_segment_size: SLO_MIN_SEGMENT_SIZE,
      allow_async_delete: false,
    },
    account_quotas: {},
    container_quotas: {},
    tempauth: { account_acls: false },
    tempurl: {
      methods: TEMPURL_METHODS,
      incoming_remove_headers: ['x-timestamp'],
      incoming_allow_headers: [],
      outgoing_remove_headers: ['x-object-meta-*'],
      outgoing_allow_headers: ['x-object-meta-public-*'],
      allowed_digests: ['sha1', 'sha256', 'sha512'],
      deprecated_digests: ['sha1'],
    },
    bulk_delete: { max_deletes_per_request: MAX_DELETES, max_failed_deletes: 1000 },
  });
}
