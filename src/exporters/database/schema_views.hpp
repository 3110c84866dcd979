// The views of the database schema (docs/DATABASE.md) written once for SQLite and PostgreSQL:
// item_history and latest_items read plan_periods, which each engine's schema makes in its own
// dialect before them.
#pragma once

#include <string_view>

namespace trackport::sql {

inline constexpr std::string_view kSharedViewsSql = R"sql(
-- Every item in every period, with the status of the item it continues (previous_status is NULL
-- for an item new in its period).
CREATE VIEW item_history AS
SELECT p.plan_key, i.track_id, p.period_number, p.period, p.period_end, p.file, i.document_id,
       i.id AS item_row, i.position, i.ref, i.item_id, i.theme, i.text, i.status, i.matched_by,
       i.match_similarity, i.previous_item, prev.status AS previous_status
FROM items AS i
JOIN plan_periods AS p ON p.document_id = i.document_id
LEFT JOIN items AS prev ON prev.id = i.previous_item;

-- The latest status of every item of every plan: for each track, its item in the plan's latest
-- period that holds it. in_latest_period is 0 for an item the plan has since dropped. The window
-- sorts narrow rows (ids and numbers); the wide columns are joined on afterwards, which is
-- several times faster over a few hundred thousand items.
CREATE VIEW latest_items AS
WITH ranked AS (
  SELECT i.id AS item_row, p.is_latest,
         ROW_NUMBER() OVER (PARTITION BY p.plan_key, i.track_id
                            ORDER BY p.period_number DESC) AS recency
  FROM items AS i JOIN plan_periods AS p ON p.document_id = i.document_id
)
SELECT d.organisation, d.plan_key, i.track_id, COALESCE(i.ref, i.item_id, i.text) AS item_key,
       i.status, i.progress, i.ref, i.item_id, i.theme, i.objective, i.text, i.due_raw,
       i.due_start, i.due_end, i.leads, d.file, d.period, d.period_end, d.imported_at,
       i.document_id, i.id AS item_row, i.position, r.is_latest AS in_latest_period,
       i.matched_by
FROM ranked AS r
JOIN items AS i ON i.id = r.item_row
JOIN documents AS d ON d.id = i.document_id
WHERE r.recency = 1;
)sql";

}  // namespace trackport::sql
