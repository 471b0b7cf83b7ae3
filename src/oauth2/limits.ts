/*
 * How much of what a request sends the provider accepts. Whatever a request can make the provider
 * keep (in a store, on a page, in a Location header) is bounded by one of these, so that no
 * request, authenticated or not, makes an entry bigger than a fixed size. Counts of entries are
 * bounded by their expiry, the stores' own limits and, for registration, its count and rate.
 */

/**
 * The longest client_id looked up. Registration's ids are UUIDs (36 characters) and configured
 * ones are configuration, found whatever their length; a longer id from a request is no client's
 * and is refused without touching a store.
 */
export const MAX_CLIENT_ID_LENGTH = 256;

/**
 * The longest redirect URI a client may register. Codes, state and `iss` are appended to it, and
 * RFC 9110 §4.1 asks only that URIs of 8,000 octets work: 2,000 leaves room for them, and is the
 * length every browser and proxy has handled for decades.
 */
export const MAX_REDIRECT_URI_LENGTH = 2_000;

/** The longest `state` an authorization request may carry: it goes back in the Location header with the redirect URI. */
export const MAX_STATE_LENGTH = 4_096;

/** The longest RFC 8707 `resource` indicator: an absolute URI, kept with the code and the token. */
export const MAX_RESOURCE_LENGTH = 2_000;

/** The largest registration request body (RFC 7591 §3.1): metadata is a few hundred bytes; the other endpoints take 64 KiB. */
export const MAX_REGISTRATION_BODY_BYTES = 16 * 1024;

/** Entries of a registration's list members (`redirect_uris`, `grant_types`, `response_types`). */
export const MAX_METADATA_LIST = 20;

/** The longest `client_name`: it is shown on the login page. */
export const MAX_CLIENT_NAME_LENGTH = 200;

/** The longest `scope` string in registration metadata. */
export const MAX_SCOPE_LENGTH = 2_000;

/** Dynamically registered clients a provider holds at most, by default (`maxRegisteredClients`). */
export const DEFAULT_MAX_REGISTERED_CLIENTS = 10_000;

/** Registrations a provider accepts per minute, by default (`registrationsPerMinute`). */
export const DEFAULT_REGISTRATIONS_PER_MINUTE = 30;
