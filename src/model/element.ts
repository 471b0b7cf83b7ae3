import type { SourceLocation } from './location.js';

/** One attribute as written, after `${}` placeholders are resolved. */
export interface XmlAttr {
  /** Canonical name: `path` for plain attributes, `doc:name` for namespaced ones. */
  readonly name: string;
  readonly value: string;
  /** Where the attribute's name starts. */
  readonly loc: SourceLocation;
  /** Where the first character of its value (after the quote) is. */
  readonly valueLoc: SourceLocation;
}

/**
 * An element of a flow file with its namespace resolved by URI, so that `<http:listener>`
 * and `<h:listener xmlns:h="…/mule/http">` are the same thing.
 */
export interface XmlElement {
  /** Canonical namespace prefix (`core`, `http`, `ee`, `doc` …), or the URI when unknown. */
  readonly ns: string;
  /** The namespace URI as declared in the file ('' when none was). */
  readonly nsUri: string;
  readonly local: string;
  /** Registry key: the local name for core elements, `prefix:local` otherwise. */
  readonly key: string;
  readonly attrs: ReadonlyMap<string, XmlAttr>;
  readonly children: readonly XmlElement[];
  /** Text and CDATA content, concatenated; '' when only whitespace. */
  readonly text: string;
  /** Where the text content starts, when there is any. */
  readonly textLoc?: SourceLocation;
  readonly loc: SourceLocation;
}

/** A parsed flow file. */
export interface XmlFile {
  /** Path relative to the app folder, as shown in diagnostics. */
  readonly path: string;
  readonly root: XmlElement;
}
