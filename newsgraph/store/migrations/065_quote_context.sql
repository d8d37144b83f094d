-- What a quote is about, beyond the actors it names itself (its `about`): the actors its
-- sentence names, else its paragraph (from the paragraph where the quote starts to the one
-- where it ends), else the article's headline, each a role of quote_parties ('sentence',
-- 'paragraph', 'headline'), by the actor rule like every other row there.  The speaker's
-- own mentions (the speaker actor, and whatever lies in the speaker's span) are not
-- counted: a quote is not about the one who says it.  `quotes --about` ranks the quotes
-- by the nearest of these (newsgraph.query.quotes).  Rows follow the triggers of
-- migration 060: a party deleted takes its rows with it, in every role.

CREATE TEMP TABLE quote_context_spans AS
SELECT q.id, q.article_id, q.sentence_start AS s0, q.sentence_end AS s1,
       q.speaker_actor AS speaker, q.speaker_start AS sp0, q.speaker_end AS sp1,
       COALESCE(q.published, '') AS published,
       (SELECT max(json_extract(j.value, '$[0]')) FROM json_each(a.paragraphs) j
        WHERE json_extract(j.value, '$[0]') <= q.start) AS p0,
       (SELECT min(json_extract(j.value, '$[1]')) FROM json_each(a.paragraphs) j
        WHERE json_extract(j.value, '$[1]') >= q."end") AS p1,
       a.headline_start AS h0, a.headline_end AS h1
FROM quotes q CROSS JOIN articles a ON a.id = q.article_id
WHERE json_valid(a.paragraphs);

INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
SELECT x.id, x.role, x.actor_id, p.party, p.is_country, x.published FROM (
    SELECT b.id, b.article_id, b.published, m.actor_id,
           CASE WHEN m.start >= b.s0 AND m."end" <= b.s1 THEN 'sentence'
                WHEN m.start >= b.p0 AND m."end" <= b.p1 THEN 'paragraph'
                WHEN m.start >= b.h0 AND m."end" <= b.h1 THEN 'headline' END AS role
    FROM quote_context_spans b CROSS JOIN mentions m ON m.article_id = b.article_id
    WHERE m.actor_id IS NOT b.speaker
      AND NOT (b.sp0 IS NOT NULL AND m.start < b.sp1 AND m."end" > b.sp0)
) x CROSS JOIN actor_parties p ON p.article_id = x.article_id AND p.actor_id = x.actor_id
WHERE x.role IS NOT NULL;

DROP TABLE quote_context_spans;

CREATE TRIGGER IF NOT EXISTS quote_context_insert AFTER INSERT ON quotes BEGIN
    INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
    SELECT NEW.id, x.role, x.actor_id, p.party, p.is_country, COALESCE(NEW.published, '')
    FROM (
        SELECT m.actor_id,
               CASE WHEN m.start >= NEW.sentence_start AND m."end" <= NEW.sentence_end
                    THEN 'sentence'
                    WHEN m.start >= b.p0 AND m."end" <= b.p1 THEN 'paragraph'
                    WHEN m.start >= b.h0 AND m."end" <= b.h1 THEN 'headline' END AS role
        FROM mentions m, (
            SELECT (SELECT max(json_extract(j.value, '$[0]')) FROM json_each(a.paragraphs) j
                    WHERE json_extract(j.value, '$[0]') <= NEW.start) AS p0,
                   (SELECT min(json_extract(j.value, '$[1]')) FROM json_each(a.paragraphs) j
                    WHERE json_extract(j.value, '$[1]') >= NEW."end") AS p1,
                   a.headline_start AS h0, a.headline_end AS h1
            FROM articles a WHERE a.id = NEW.article_id AND json_valid(a.paragraphs)) b
        WHERE m.article_id = NEW.article_id AND m.actor_id IS NOT NEW.speaker_actor
          AND NOT (NEW.speaker_start IS NOT NULL AND m.start < NEW.speaker_end
                   AND m."end" > NEW.speaker_start)
    ) x CROSS JOIN actor_parties p ON p.article_id = NEW.article_id AND p.actor_id = x.actor_id
    WHERE x.role IS NOT NULL;
END;

-- a party added to an actor of an article (ingest order, `newsgraph link`): its context rows
CREATE TRIGGER IF NOT EXISTS quote_context_party AFTER INSERT ON actor_parties BEGIN
    INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
    SELECT x.id, x.role, NEW.actor_id, NEW.party, NEW.is_country, x.published FROM (
        SELECT q.id, COALESCE(q.published, '') AS published,
               CASE WHEN m.start >= q.sentence_start AND m."end" <= q.sentence_end
                    THEN 'sentence'
                    WHEN m.start >= (SELECT max(json_extract(j.value, '$[0]'))
                                     FROM json_each(a.paragraphs) j
                                     WHERE json_extract(j.value, '$[0]') <= q.start)
                     AND m."end" <= (SELECT min(json_extract(j.value, '$[1]'))
                                     FROM json_each(a.paragraphs) j
                                     WHERE json_extract(j.value, '$[1]') >= q."end")
                    THEN 'paragraph'
                    WHEN m.start >= a.headline_start AND m."end" <= a.headline_end
                    THEN 'headline' END AS role
        FROM quotes q CROSS JOIN articles a ON a.id = q.article_id
        CROSS JOIN mentions m ON m.article_id = q.article_id AND m.actor_id = NEW.actor_id
        WHERE q.article_id = NEW.article_id AND json_valid(a.paragraphs)
          AND q.speaker_actor IS NOT NEW.actor_id
          AND NOT (q.speaker_start IS NOT NULL AND m.start < q.speaker_end
                   AND m."end" > q.speaker_start)
    ) x WHERE x.role IS NOT NULL;
END;
