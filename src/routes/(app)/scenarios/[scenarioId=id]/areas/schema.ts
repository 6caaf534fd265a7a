import { z } from 'zod';
import { AREA_KINDS } from '$lib/domain/scenario/types';
import { choice, requiredText } from '$lib/server/forms';
import { textField } from '../fields.server';

/** The fields of an area, shared by the add form (areas list) and the edit form (area page). */
export const areaSchema = z.object({
	name: requiredText('区域名称', 60),
	kind: choice('区域类型', AREA_KINDS),
	description: textField('区域说明', 20_000)
});
