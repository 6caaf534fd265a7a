import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { choice, echoValues, optionalId, parseForm, phoneField, requiredText, usernameField } from './forms';

const schema = z.object({
	username: usernameField,
	name: requiredText('姓名', 8),
	kind: choice('类别', ['a', 'b'] as const),
	unitId: optionalId('单位'),
	phone: phoneField,
	tags: z.array(z.string()).max(3, '最多 3 个')
});

function fd(entries: [string, string | Blob][]): FormData {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
}

describe('parseForm', () => {
	it('parses good input, trims, lower-cases usernames, collects arrays', () => {
		const r = parseForm(schema, fd([['username', ' Zhang.San '], ['name', ' 张三 '], ['kind', 'a'], ['unitId', '12'], ['phone', ''], ['tags', 'x'], ['tags', 'y']]));
		expect(r).toEqual({ ok: true, data: { username: 'zhang.san', name: '张三', kind: 'a', unitId: 12, phone: null, tags: ['x', 'y'] } });
	});

	const bad: { name: string; entries: [string, string | Blob][]; errors: Record<string, string> }[] = [
		{
			name: 'everything missing',
			entries: [],
			errors: { username: '请填写用户名', name: '请填写姓名', kind: '请选择类别' }
		},
		{
			name: 'too long, wrong choice, bad id and phone',
			entries: [['username', 'ok_name'], ['name', '一二三四五六七八九'], ['kind', 'zzz'], ['unitId', 'abc'], ['phone', '12345'], ['tags', '1'], ['tags', '2'], ['tags', '3'], ['tags', '4']],
			errors: { name: '姓名不能超过 8 个字符', kind: '类别的取值无效', unitId: '单位的取值无效', phone: '请填写 11 位手机号', tags: '最多 3 个' }
		},
		{
			name: 'a file where text belongs',
			entries: [['username', new Blob(['x'])], ['name', '张三'], ['kind', 'a']],
			errors: { username: '用户名格式不正确' }
		},
		{
			name: 'whitespace only counts as empty; bad username characters',
			entries: [['username', '张三丰'], ['name', '   '], ['kind', 'b']],
			errors: { username: '用户名只能包含字母、数字、点、横线和下划线', name: '请填写姓名' }
		}
	];
	for (const c of bad) {
		it(`reports ${c.name} by field, in Chinese`, () => {
			const r = parseForm(schema, fd(c.entries));
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.errors).toEqual(c.errors);
		});
	}

	it('never echoes secrets back', () => {
		const s = z.object({ username: usernameField, password: z.string().min(100) });
		const r = parseForm(s, fd([['username', 'x'], ['password', 'hunter2']]));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.values).toEqual({ username: 'x' });
		expect(echoValues(fd([['a', '1'], ['password', 'p'], ['confirm', 'p'], ['idNumber', '110']]))).toEqual({ a: '1' });
	});
});

describe('requiredText with a minimum length', () => {
	it.each([
		['', '请填写用户名'],
		['   ', '请填写用户名'],
		['ab', '用户名至少需要 3 个字符'],
		['a'.repeat(33), '用户名不能超过 32 个字符']
	])('%j → %s', (value, message) => {
		const r = parseForm(z.object({ username: usernameField }), fd([['username', value]]));
		expect(r.ok ? null : r.errors.username).toBe(message);
	});
});
