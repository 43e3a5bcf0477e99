-- A tracking host per sending domain (issue 10): a name of the domain (click.shop.example) published as a CNAME to
-- Outpost's tracking host, so that a domain's tracked links point at its own name. Used once its record is checked.
ALTER TABLE outpost_sending_domain ADD COLUMN tracking_host VARCHAR(253);
