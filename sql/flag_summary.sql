-- One-line summaries of a flag, in English and Chinese, for reports. A flag is a lead that needs
-- review, never a verdict: the wording says what the data shows, not what anyone did.
CREATE OR REPLACE TEMP MACRO flag_summary_en(rule, e) AS CASE rule
    WHEN 'INVALID_REINSTATEMENT' THEN
        'registration ' || (e ->> '$.cancellation.change') || ' on ' || (e ->> '$.cancellation.date')
        || ', filed ' || (e ->> '$.cancellation.filed_date') || ', yet '
        || CASE WHEN json_array_length(e -> '$.restorations') > 0
            THEN 'restored on ' || (e ->> '$.restorations[0].date')
            ELSE 'registered again on ' || (e ->> '$.registered_after[0].date')
                || ' at ' || (e ->> '$.registered_after[0].school_code') END
        || '; needs review'
    WHEN 'UNFILED_CANCELLATION_REVERSED' THEN
        'unfiled ' || (e ->> '$.cancellation.change') || ' on ' || (e ->> '$.cancellation.date')
        || ' was reversed; valid, recorded for information'
    WHEN 'EVENT_AFTER_DEATH' THEN
        'events or registration recorded after death on ' || (e ->> '$.death.date') || '; needs review'
    WHEN 'EXAM_MIGRANT_LATE_TRANSFER' THEN
        'arrived in province ' || (e ->> '$.exam_province') || ' on ' || (e ->> '$.arrived_on')
        || ' from province ' || (e ->> '$.from.province') || ', after the deadline '
        || (e ->> '$.deadline') || '; ID origin ' || coalesce(e ->> '$.origin_province', 'unknown')
        || '; needs review'
    ELSE rule END;

CREATE OR REPLACE TEMP MACRO flag_summary_zh(rule, e) AS CASE rule
    WHEN 'INVALID_REINSTATEMENT' THEN
        (e ->> '$.cancellation.date') || ' 学籍' || change_name_zh(e ->> '$.cancellation.change')
        || '，已于 ' || (e ->> '$.cancellation.filed_date') || ' 备案，但'
        || CASE WHEN json_array_length(e -> '$.restorations') > 0
            THEN '于 ' || (e ->> '$.restorations[0].date') || ' 恢复'
            ELSE '于 ' || (e ->> '$.registered_after[0].date') || ' 在 '
                || (e ->> '$.registered_after[0].school_code') || ' 重新在籍' END
        || '；待核查'
    WHEN 'UNFILED_CANCELLATION_REVERSED' THEN
        (e ->> '$.cancellation.date') || ' 未备案的' || change_name_zh(e ->> '$.cancellation.change')
        || '已撤回；有效，仅供参考'
    WHEN 'EVENT_AFTER_DEATH' THEN
        (e ->> '$.death.date') || ' 死亡后仍有异动或在籍记录；待核查'
    WHEN 'EXAM_MIGRANT_LATE_TRANSFER' THEN
        (e ->> '$.arrived_on') || ' 由 ' || (e ->> '$.from.province') || ' 省转入 '
        || (e ->> '$.exam_province') || ' 省，晚于截止日 ' || (e ->> '$.deadline')
        || '；身份证件地址所属省份 ' || coalesce(e ->> '$.origin_province', '未知') || '；待核查'
    ELSE rule END;

CREATE OR REPLACE TEMP MACRO change_name_zh(key) AS CASE key
    WHEN 'cancel' THEN '取消' WHEN 'withdraw' THEN '退学' WHEN 'expel' THEN '开除'
    WHEN 'admission_cancelled' THEN '取消入学资格' ELSE key END;
