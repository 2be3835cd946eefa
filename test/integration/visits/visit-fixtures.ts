/** The demo roster fixture lives in test/support/demo-roster.ts; the visit tests (and others) import it from here too. */
export { actorOf, firmBy, MOBILES, personBy, ROSTER_LOADED_AT, seedRoster } from '../../support/demo-roster';
