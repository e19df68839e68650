-- One-line summaries of a flag, in English and Chinese, for reports. A flag is a lead that needs
-- review, never a verdict: the wording says what the data shows, not what anyone did.
CREATE OR REPLACE TEMP MACRO change_name_zh(key) AS CASE key
    WHEN 'cancel' THEN '取消学籍' WHEN 'withdraw' THEN '退学' WHEN 'expel' THEN '开除'
    WHEN 'admission_cancelled' THEN '取消入学资格' ELSE key END;

CREATE OR REPLACE TEMP MACRO change_name_en(key) AS CASE key
    WHEN 'cancel' THEN 'cancellation' WHEN 'withdraw' THEN 'withdrawal' WHEN 'expel' THEN 'expulsion'
    WHEN 'admission_cancelled' THEN 'admission cancellation' ELSE key END;

CREATE OR REPLACE TEMP MACRO flag_summary_en(rule, ev) AS CASE rule
    WHEN 'INVALID_REINSTATEMENT' THEN
        change_name_en(ev ->> '$.cancellation.change') || ' on ' || (ev ->> '$.cancellation.date')
        || ', filed ' || (ev ->> '$.cancellation.filed_date') || ', yet '
        || CASE WHEN json_array_length(ev, '$.restorations') > 0
            THEN 'restored on ' || (ev ->> '$.restorations[0].date')
            ELSE 'registered again on ' || (ev ->> '$.registered_after[0].date')
                || ' at ' || (ev ->> '$.registered_after[0].school_code') END
        || '; needs review'
    WHEN 'UNFILED_CANCELLATION_REVERSED' THEN
        'unfiled ' || change_name_en(ev ->> '$.cancellation.change') || ' on ' || (ev ->> '$.cancellation.date')
        || ' was reversed; valid, recorded for information'
    WHEN 'EVENT_AFTER_DEATH' THEN
        'events or registration recorded after death on ' || (ev ->> '$.death.date') || '; needs review'
    WHEN 'EXAM_MIGRANT_LATE_TRANSFER' THEN
        'arrived in province ' || (ev ->> '$.exam_province') || ' on ' || (ev ->> '$.arrived_on')
        || ' from province ' || (ev ->> '$.from.province') || ', after the deadline '
        || (ev ->> '$.deadline') || '; ID origin ' || coalesce(ev ->> '$.origin_province', 'unknown')
        || '; needs review'
    ELSE rule END;

CREATE OR REPLACE TEMP MACRO flag_summary_zh(rule, ev) AS CASE rule
    WHEN 'INVALID_REINSTATEMENT' THEN
        (ev ->> '$.cancellation.date') || ' ' || change_name_zh(ev ->> '$.cancellation.change')
        || '，已于 ' || (ev ->> '$.cancellation.filed_date') || ' 备案，但'
        || CASE WHEN json_array_length(ev, '$.restorations') > 0
            THEN '于 ' || (ev ->> '$.restorations[0].date') || ' 恢复'
            ELSE '于 ' || (ev ->> '$.registered_after[0].date') || ' 在 '
                || (ev ->> '$.registered_after[0].school_code') || ' 重新在籍' END
        || '；待核查'
    WHEN 'UNFILED_CANCELLATION_REVERSED' THEN
        (ev ->> '$.cancellation.date') || ' 未备案的' || change_name_zh(ev ->> '$.cancellation.change')
        || '已撤回；有效，仅供参考'
    WHEN 'EVENT_AFTER_DEATH' THEN
        (ev ->> '$.death.date') || ' 死亡后仍有异动或在籍记录；待核查'
    WHEN 'EXAM_MIGRANT_LATE_TRANSFER' THEN
        (ev ->> '$.arrived_on') || ' 由 ' || (ev ->> '$.from.province') || ' 省转入 '
        || (ev ->> '$.exam_province') || ' 省，晚于截止日 ' || (ev ->> '$.deadline')
        || '；身份证件地址所属省份 ' || coalesce(ev ->> '$.origin_province', '未知') || '；待核查'
    ELSE rule END;
