/**
 * Thrown where flowrt's parser meets what it does not parse exactly as the library does: a syntax
 * error (the library's own message and position are wanted) or a construct it leaves to the
 * library (a lambda's signature). The caller then parses with the library.
 */
export class GiveUp extends Error {
  constructor() {
    super('left to the library parser');
  }
}
