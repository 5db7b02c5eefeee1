// S3 keys built from ids (execution names, finding ids, alarm names): no AWS calls here.

/** A key made safe for S3 from ids that may carry any character: every character but [A-Za-z0-9_.-] becomes `_`. */
export const keyPart = (id: string) => id.replace(/[^\w.-]/g, '_');
