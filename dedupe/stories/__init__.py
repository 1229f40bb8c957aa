"""Stories: every outlet's version of one event, claim by claim.

`grouping` groups paired articles into stories (one event each); `slots` lines up the
claims of a story's articles into slots, one per thing claimed, each with its variants.
"""

from dedupe.stories.grouping import Stories, group

__all__ = ["Stories", "group"]
