/**
 * The finding codes of the `in-person-contact` rule, each with its default message template. Codes are stable API; the rule
 * catalogue `DEFAULT_MESSAGES` is assembled from every rule folder's `MESSAGES`.
 *
 * @example
 * Object.keys(MESSAGES)[0]; // 'in-person-contact.missed-month'
 */
export const MESSAGES = {
  'in-person-contact.missed-month': 'In {month}: {count} in-person meeting(s) recorded, {required} required.',
  'in-person-contact.missed-month-any-mode': 'In {month}: {count} contact(s) recorded, {required} required.',
  'in-person-contact.face-to-face-share-low':
    'Up to {until}: {inPerson} of {contacts} contact(s) in person ({percent}%), below the {minPercent}% the program asks for.',
} as const;
