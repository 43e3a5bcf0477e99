// What a remote server's reply means, in plain words, from its enhanced status code (RFC 3463) and the bounce class
// Outpost recorded (docs/architecture.md "Bounces").
const BY_STATUS = [
  [/^5\.1\.[0-36]$/, "The recipient's server says this address does not exist: it is now suppressed, so no more mail goes to it."],
  [/^5\.1\.10$/, "The recipient's domain says it accepts no mail at all (null MX): the address is now suppressed."],
  [/^[45]\.2\.2$/, "The recipient's mailbox is full. Outpost tries again; after repeated full-mailbox bounces the address is suppressed for a while."],
  [/^5\.7\.1$/, "The message was refused by a policy: the recipient's server (or Outpost's suppression list) would not take it."],
  [/^5\.7\.(2[3-7])$/, "The recipient's server refused the message because of its authentication (SPF, DKIM or DMARC)."],
  [/^4\.7\.\d+$/, "The recipient's server is limiting or greylisting this sender for now: Outpost tries again later."],
  [/^4\.4\.\d+$/, "The recipient's mail server could not be reached: Outpost tries again later."],
  [/^2\.\d+\.\d+$/, "The recipient's server accepted the message."],
];

export function explain(kind, detail) {
  const status = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(detail || "");
  if (status) {
    for (const [pattern, sentence] of BY_STATUS) {
      if (pattern.test(status[1])) {
        return sentence;
      }
    }
  }
  switch (kind) {
    case "DELIVERED":
      return "The recipient's server accepted the message.";
    case "DEFERRED":
      return "The recipient's server asked Outpost to try again later.";
    case "BOUNCED":
      return "The recipient's server refused the message for good.";
    case "SUPPRESSED":
      return "The address is on a suppression list: the message was not sent to it.";
    case "OPENED":
      return "The message was opened (a machine's open, such as an image proxy, is counted apart).";
    case "CLICKED":
      return "A link in the message was followed.";
    case "UNSUBSCRIBED":
      return "The recipient unsubscribed.";
    case "COMPLAINED":
      return "The recipient marked the message as spam: the address is now suppressed.";
    case "HELD":
      return "The relay's operator held the message for this recipient: no attempt until they release it.";
    case "RELEASED":
      return "The relay's operator released the message for this recipient: it is being sent again.";
    case "RETRIED_NOW":
      return "The relay's operator asked for the next attempt now, instead of at its planned time.";
    case "PURGED":
      return "The relay's operator took the message out of the queue for this recipient: it will not be sent.";
    default:
      return "";
  }
}
