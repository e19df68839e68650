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
    WHEN 'EXAM_MIGRANT_HUKOU_MOVE' THEN
        'household region moved ' || (ev ->> '$.hukou_move.from_region') || ' → '
        || (ev ->> '$.hukou_move.to_region') || ' (seen ' || (ev ->> '$.hukou_move.seen_on')
        || ') and arrived in province ' || (ev ->> '$.exam_province') || ' on '
        || (ev ->> '$.arrived_on') || ', after the deadline; needs review'
    WHEN 'MULTIPLE_ACTIVE_REGISTRATIONS' THEN
        'registered at ' || (ev ->> '$.school_count') || ' schools at once between '
        || (ev ->> '$.from') || ' and ' || (ev ->> '$.to') || '; needs review'
    WHEN 'PHANTOM_REGISTRATION' THEN
        'registered but absent (在籍离校) in ' || json_array_length(ev, '$.absent_snapshots')
        || ' senior-high snapshot(s) in province ' || (ev ->> '$.exam_province') || '; needs review'
    WHEN 'SCHOOL_LATE_TRANSFER_CLUSTER' THEN
        (ev ->> '$.arrivals') || ' cross-province grade-3 arrivals in ' || (ev ->> '$.school_year')
        || ', ' || (ev ->> '$.arrivals') || ' of a cohort of ' || (ev ->> '$.cohort_size')
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
    WHEN 'EXAM_MIGRANT_HUKOU_MOVE' THEN
        '户口由 ' || (ev ->> '$.hukou_move.from_region') || ' 迁入 '
        || (ev ->> '$.hukou_move.to_region') || '（' || (ev ->> '$.hukou_move.seen_on')
        || ' 可见），并于 ' || (ev ->> '$.arrived_on') || ' 转入 ' || (ev ->> '$.exam_province')
        || ' 省，晚于截止日；待核查'
    WHEN 'MULTIPLE_ACTIVE_REGISTRATIONS' THEN
        (ev ->> '$.from') || ' 至 ' || (ev ->> '$.to') || ' 同时在 '
        || (ev ->> '$.school_count') || ' 所学校在籍（一人多籍）；待核查'
    WHEN 'PHANTOM_REGISTRATION' THEN
        (ev ->> '$.exam_province') || ' 省高中有 ' || json_array_length(ev, '$.absent_snapshots')
        || ' 次花名册显示在籍离校（人籍分离）；待核查'
    WHEN 'SCHOOL_LATE_TRANSFER_CLUSTER' THEN
        (ev ->> '$.school_year') || ' 学年跨省转入高三 ' || (ev ->> '$.arrivals') || ' 人，高三共 '
        || (ev ->> '$.cohort_size') || ' 人；待核查'
    ELSE rule END;
