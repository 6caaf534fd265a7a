import { z } from 'zod';
import { choice, optionalText, requiredId, requiredText } from '$lib/server/forms';
import { COURSE_STATUSES, MAX_LESSON_BODY, MAX_LESSON_TITLE, MAX_SUMMARY_LENGTH } from '$lib/server/course/courses';
import { MAX_COURSE_HOURS, MAX_COURSE_TITLE } from '$lib/domain/course/progress';
import { STAFF_CATEGORIES } from '$lib/domain/roles';

/** The fields of a course, on the new-course page and in the editor. */
export const courseSchema = z.object({
	title: requiredText('课程名称', MAX_COURSE_TITLE),
	summary: optionalText('课程简介', MAX_SUMMARY_LENGTH).transform((v) => v ?? ''),
	hours: z
		.string({ error: '请填写学时' })
		.trim()
		.min(1, '请填写学时')
		.regex(/^\d{1,3}(\.\d{1,2})?$/, '学时应为数字，如 2 或 1.5（最多两位小数）')
		.transform(Number)
		.refine((n) => n > 0 && n <= MAX_COURSE_HOURS, `学时应大于 0 且不超过 ${MAX_COURSE_HOURS}`),
	// '' = every staff category
	audience: z
		.union([z.literal(''), z.enum(STAFF_CATEGORIES)], { error: '面向对象的取值无效' })
		.optional()
		.transform((v) => (v ? v : null))
});

export const courseEditSchema = courseSchema.extend({ status: choice('状态', COURSE_STATUSES) });

export const statusSchema = z.object({ status: choice('状态', COURSE_STATUSES) });

export const lessonSchema = z.object({
	title: requiredText('课时标题', MAX_LESSON_TITLE),
	body: z
		.string({ error: '正文格式不正确' })
		.max(MAX_LESSON_BODY, `正文不能超过 ${MAX_LESSON_BODY} 个字符`)
		.optional()
		.transform((v) => v ?? '')
});

export const newLessonSchema = z.object({ title: requiredText('课时标题', MAX_LESSON_TITLE) });

export const moveSchema = z.object({ id: requiredId('项目'), direction: choice('方向', ['up', 'down'] as const) });

export const lessonIdSchema = z.object({ lessonId: requiredId('课时') });
export const quizIdSchema = z.object({ quizId: requiredId('测验') });
