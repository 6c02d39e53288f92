package io.cutover.campaign;

/**
 * Everything a campaign carries across continue-as-new. Owned by {@link CampaignWorkflowImpl};
 * the fields are defined there as the workflow needs them.
 */
public record CampaignState() {}
