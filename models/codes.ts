// The code lists of the education data standard (JY/T 1001) that exports carry: registration
// statuses and status-change types. Each has a stable English key used inside the warehouse;
// exports give a code or a name, and a name always wins over a code (vendors reuse codes).

export interface StatusCode {
  key: string;
  code: string | null;
  names: string[];
  /** Counts as registered (在籍); null for 其他, which is reported apart. */
  registered: boolean | null;
  present: boolean;
}

export const STATUS_CODES: readonly StatusCode[] = [
  { key: 'studying', code: '01', names: ['在读', '在籍', '在校'], registered: true, present: true },
  { key: 'suspended', code: '02', names: ['休学'], registered: true, present: false },
  { key: 'withdrawn', code: '03', names: ['退学'], registered: false, present: false },
  { key: 'stopped', code: '04', names: ['停学'], registered: true, present: false },
  { key: 'resumed', code: '05', names: ['复学'], registered: true, present: true },
  { key: 'dropped_out', code: '06', names: ['流失', '辍学'], registered: false, present: false },
  { key: 'graduated', code: '07', names: ['毕业'], registered: false, present: false },
  { key: 'completed', code: '08', names: ['结业'], registered: false, present: false },
  { key: 'incomplete', code: '09', names: ['肄业'], registered: false, present: false },
  { key: 'transferred_out', code: '10', names: ['转出'], registered: false, present: false },
  { key: 'deceased', code: '11', names: ['死亡'], registered: false, present: false },
  { key: 'admission_held', code: '12', names: ['保留入学资格'], registered: true, present: false },
  { key: 'abroad', code: '13', names: ['公派出国'], registered: true, present: false },
  { key: 'expelled', code: '14', names: ['开除'], registered: false, present: false },
  { key: 'missing', code: '15', names: ['下落不明'], registered: true, present: false },
  { key: 'cancelled', code: null, names: ['注销'], registered: false, present: false },
  { key: 'other', code: '99', names: ['其他'], registered: null, present: false },
];

export interface ChangeCode {
  key: string;
  code: string | null;
  names: string[];
  /** The status key (STATUS_CODES) the change leaves the registration in. */
  status_after: string;
}

export const CHANGE_CODES: readonly ChangeCode[] = [
  { key: 'repeat', code: '02', names: ['留级'], status_after: 'studying' },
  { key: 'demote', code: '03', names: ['降级'], status_after: 'studying' },
  { key: 'skip', code: '04', names: ['跳级'], status_after: 'studying' },
  { key: 'suspend', code: '11', names: ['休学'], status_after: 'suspended' },
  { key: 'resume', code: '12', names: ['复学'], status_after: 'studying' },
  { key: 'admission_held', code: '14', names: ['保留入学资格'], status_after: 'admission_held' },
  { key: 'admission_restored', code: '15', names: ['恢复入学资格'], status_after: 'studying' },
  { key: 'admission_cancelled', code: '16', names: ['取消入学资格'], status_after: 'cancelled' },
  { key: 'reinstate', code: '17', names: ['恢复学籍'], status_after: 'studying' },
  { key: 'cancel', code: '18', names: ['取消学籍', '注销学籍', '注销'], status_after: 'cancelled' },
  { key: 'transfer_out', code: '21', names: ['转学（转出）', '转学(转出)', '转出'], status_after: 'transferred_out' },
  { key: 'transfer_in', code: '22', names: ['转学（转入）', '转学(转入)', '转入'], status_after: 'studying' },
  { key: 'withdraw', code: '31', names: ['退学'], status_after: 'withdrawn' },
  { key: 'expel', code: '42', names: ['开除学籍', '开除'], status_after: 'expelled' },
  { key: 'death', code: '51', names: ['死亡'], status_after: 'deceased' },
  { key: 'admission', code: null, names: ['招生', '新生入学', '入学'], status_after: 'studying' },
  { key: 'promotion', code: null, names: ['升级'], status_after: 'studying' },
  { key: 'graduation', code: null, names: ['毕业'], status_after: 'graduated' },
  { key: 'completion', code: null, names: ['结业'], status_after: 'completed' },
  { key: 'incomplete', code: null, names: ['肄业'], status_after: 'incomplete' },
];

/** Changes that end a registration and, once filed, can never be reversed. */
export const CANCELLATIONS = ['cancel', 'withdraw', 'expel', 'admission_cancelled'] as const;

/** Changes that bring a registration back. */
export const RESTORATIONS = ['reinstate', 'admission_restored', 'resume'] as const;

/** Presence matrix (在校状态). */
export const PRESENCE_NAMES = ['在籍在校', '在籍离校', '在校不在籍', '不在籍不在校'] as const;

export const SCHOOL_LEVELS: Record<string, string> = {
  小学: 'primary',
  初中: 'junior',
  初级中学: 'junior',
  高中: 'senior',
  高级中学: 'senior',
  完全中学: 'complete',
  九年一贯制: 'nine_year',
  九年一贯制学校: 'nine_year',
  十二年一贯制: 'twelve_year',
};
