import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  addState,
  addTransition,
  graphOf,
  removeState,
  removeTransition,
  setTransitionSetting,
  type WorkflowValue,
} from './workflow-graph.ts';

// The national 普通程序 as its file says (read as data: the studio imports no pack code).
const ordinary = parse(
  readFileSync(new URL('../../../packs/cn-national/workflows/penalty-ordinary.yaml', import.meta.url), 'utf8'),
) as WorkflowValue;

const small: WorkflowValue = {
  code: 'w',
  name: '流程',
  start: 'a',
  states: [
    { code: 'a', name: '受理', nameEn: 'Accepted' },
    { code: 'b', name: '审核' },
    { code: 'c', name: '办结', terminal: true },
  ],
  transitions: [
    { action: 'go', name: '提交', nameEn: 'Submit', from: 'a', to: 'b' },
    { action: 'back', name: '退回', from: 'b', to: 'a' },
    { action: 'end', name: '办结', from: ['a', 'b'], to: 'c' },
  ],
};

describe('graphOf', () => {
  it('draws every state and one edge per state a transition leaves, the start on top', () => {
    const g = graphOf(small, 'zh');
    expect(g.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(g.edges.map((e) => `${e.source}>${e.target}:${e.label}`)).toEqual([
      'a>b:提交',
      'b>a:退回',
      'a>c:办结',
      'b>c:办结',
    ]);
    const y = Object.fromEntries(g.nodes.map((n) => [n.id, n.y]));
    expect(y.a).toBeLessThan(y.b as number);
    expect(y.b).toBeLessThan(y.c as number);
    expect(g.nodes.find((n) => n.id === 'a')).toMatchObject({ start: true, terminal: false });
    expect(g.nodes.find((n) => n.id === 'c')).toMatchObject({ start: false, terminal: true });
    expect(g.dangling).toEqual([]);
  });

  it('names states and transitions in English where the item has English names', () => {
    const g = graphOf(small, 'en');
    expect(g.nodes.map((n) => n.label)).toEqual(['Accepted', '审核', '办结']);
    expect(g.edges[0]?.label).toBe('Submit');
  });

  it('lays out the national 普通程序 without two states on one spot, and lists no broken transition', () => {
    const g = graphOf(ordinary, 'zh');
    expect(g.nodes).toHaveLength(ordinary.states?.length ?? 0);
    const spots = new Set(g.nodes.map((n) => `${n.x},${n.y}`));
    expect(spots.size).toBe(g.nodes.length);
    expect(g.edges.length).toBeGreaterThanOrEqual(ordinary.transitions?.length ?? 0);
    expect(g.dangling).toEqual([]);
  });

  it('lists a transition that names a missing state instead of hiding it', () => {
    const broken = {
      ...small,
      transitions: [...(small.transitions ?? []), { action: 'x', name: 'X', from: 'a', to: 'zz' }],
    };
    expect(graphOf(broken, 'zh').dangling).toEqual([{ index: 3, action: 'x', missing: ['zz'] }]);
  });

  it('flags states the start cannot reach and states no action leaves, as the pack check does', () => {
    const flags = (v: WorkflowValue) =>
      graphOf(v, 'zh')
        .nodes.filter((n) => n.unreachable || n.deadEnd)
        .map((n) => `${n.id}:${n.unreachable ? 'unreachable' : ''}${n.deadEnd ? 'dead-end' : ''}`);
    expect(flags(small)).toEqual([]);
    expect(flags(ordinary)).toEqual([]);
    // A state added on the graph is both until a transition reaches it and one leaves it.
    const added = addState(small, { code: 'd', name: '听证' });
    if (!added.ok) throw new Error('refused');
    expect(flags(added.value)).toEqual(['d:unreachabledead-end']);
    const into = addTransition(added.value, { action: 'hear', name: '听证', from: 'b', to: 'd' });
    if (!into.ok) throw new Error('refused');
    expect(flags(into.value)).toEqual(['d:dead-end']);
    const out = addTransition(into.value, { action: 'heard', name: '听证结束', from: 'd', to: 'c' });
    if (!out.ok) throw new Error('refused');
    expect(flags(out.value)).toEqual([]);
    // Without 提交 nothing leads to 审核 any more.
    const stranded = { ...small, transitions: (small.transitions ?? []).filter((t) => t.action !== 'go') };
    expect(flags(stranded)).toEqual(['b:unreachable']);
  });
});

describe('graph edits', () => {
  it('adds a state and a transition to it, keeping the rest of the item', () => {
    const s = addState(small, { code: 'd', name: '听证' });
    if (!s.ok) throw new Error(JSON.stringify(s.problems));
    const t = addTransition(s.value, { action: 'to-hearing', name: '听证', from: 'b', to: 'd' });
    if (!t.ok) throw new Error(JSON.stringify(t.problems));
    expect(t.value.code).toBe('w');
    expect(t.value.states?.at(-1)).toEqual({ code: 'd', name: '听证' });
    expect(t.value.transitions?.at(-1)).toEqual({ action: 'to-hearing', name: '听证', from: 'b', to: 'd' });
    expect(small.states).toHaveLength(3);
  });

  it('refuses bad codes, taken codes, missing names and actions out of a terminal state, in both languages', () => {
    const bad = addState(small, { code: '听证', name: '' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.field)).toEqual(['code', 'name']);
    expect(bad.problems[0]?.zh).toContain('英文字母和数字');
    expect(bad.problems[0]?.en).toContain('ASCII');
    const taken = addState(small, { code: 'b', name: '重复' });
    expect(!taken.ok && taken.problems[0]?.zh).toBe('环节编码“b”已被使用');
    const dup = addTransition(small, { action: 'go', name: '再提交', from: 'a', to: 'c' });
    expect(!dup.ok && dup.problems[0]?.en).toBe('the action code "go" is already used');
    // The same action code from another state is allowed (退回 from two states).
    expect(addTransition(small, { action: 'go', name: '提交', from: 'b', to: 'c' }).ok).toBe(true);
    const fromEnd = addTransition(small, { action: 'reopen', name: '重新办理', from: 'c', to: 'a' });
    expect(!fromEnd.ok && fromEnd.problems.map((p) => p.field)).toEqual(['from']);
    const nowhere = addTransition(small, { action: 'x', name: 'X', from: 'a', to: 'zz' });
    expect(!nowhere.ok && nowhere.problems[0]?.zh).toBe('没有环节“zz”');
  });

  it('removes a transition from one of its states, or whole when it leaves only that one', () => {
    const one = removeTransition(small, 2, 'a');
    if (!one.ok) throw new Error('refused');
    expect(one.value.transitions?.[2]).toMatchObject({ action: 'end', from: 'b' });
    const whole = removeTransition(one.value, 2, 'b');
    if (!whole.ok) throw new Error('refused');
    expect(whole.value.transitions?.map((t) => t.action)).toEqual(['go', 'back']);
  });

  it("sets a transition's roles, guard and documents on the transition itself, and an empty value removes the key", () => {
    const guard = { fact: 'proposedFine', operator: 'greaterThan', value: 5000, label: '罚款超过五千元' };
    let v: WorkflowValue = small;
    for (const [key, setting] of [
      ['roles', ['agency-head']],
      ['when', guard],
      ['documents', ['case-filing-approval']],
      ['reasonRequired', true],
    ] as const) {
      const r = setTransitionSetting(v, 2, key, setting);
      if (!r.ok) throw new Error('refused');
      v = r.value;
    }
    // One transition leaving two states: set once, for both.
    expect(v.transitions?.[2]).toEqual({
      action: 'end',
      name: '办结',
      from: ['a', 'b'],
      to: 'c',
      roles: ['agency-head'],
      when: guard,
      documents: ['case-filing-approval'],
      reasonRequired: true,
    });
    expect(v.transitions?.slice(0, 2)).toEqual(small.transitions?.slice(0, 2));
    for (const [key, empty] of [
      ['roles', []],
      ['when', undefined],
      ['documents', []],
      ['reasonRequired', false],
    ] as const) {
      const r = setTransitionSetting(v, 2, key, empty);
      if (!r.ok) throw new Error('refused');
      v = r.value;
    }
    expect(v).toEqual(small);
    const none = setTransitionSetting(small, 9, 'roles', ['x']);
    expect(!none.ok && none.problems[0]?.zh).toBe('没有这个操作');
  });

  it('removes a state with the transitions into it and those leaving only it; never the start state', () => {
    const r = removeState(small, 'b');
    if (!r.ok) throw new Error('refused');
    expect(r.value.states?.map((s) => s.code)).toEqual(['a', 'c']);
    expect(r.value.transitions).toEqual([{ action: 'end', name: '办结', from: 'a', to: 'c' }]);
    const start = removeState(small, 'a');
    expect(!start.ok && start.problems[0]?.zh).toContain('开始环节不能删除');
  });
});
