-- 0013 lean contact writes (central store only): drops contacts_by_participant on the central
-- store. Nothing there looks contacts up by participant: the review page and the rules read them
-- all in time order, and participants are removed only from tablets. Yet every pushed contact
-- paid for an entry in it, and a push from one key worker dirtied a page of it per participant of
-- the caseload; those page writes were a large part of merging a push. Tablets keep the index:
-- their screens list one participant's contacts.
DROP INDEX contacts_by_participant;
